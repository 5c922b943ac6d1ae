using FunctionsSequence.Core.Hosting;
using FunctionsSequence.Core.Ingress;
using FunctionsSequence.Core.Manifests;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Tests.Ingress;

/// <summary>Each refused request is logged once, with its route and why, and none of its body or query string.</summary>
public sealed class CloudEventIngressLogTests : IAsyncDisposable
{
    private const int Refused = 1901;

    private readonly LogLines log = new();
    private readonly FakeDurableClient client = new();
    private readonly ServiceProvider services;

    public CloudEventIngressLogTests()
    {
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Information));
        collection.AddFunctionsSequence(new ManifestLoader().Load([Manifests.Samples("4-broker-trigger")]).EnsureValid());
        services = collection.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await client.DisposeAsync();
    }

    private async Task<IReadOnlyList<(LogLevel Level, int EventId, string Text)>> Handle(HttpRequest request, IngressTarget target, string name)
    {
        request.PathBase = "/api";
        request.Path = $"/{target.ToString().ToLowerInvariant()}s/{name}";
        request.QueryString = new QueryString("?code=the-function-key");
        await services.GetRequiredService<CloudEventIngress>().HandleAsync(request, target, name, client, default);
        return [.. log.Entries.Where(e => e.EventId == Refused)];
    }

    [Fact]
    public async Task A_refused_batch_is_logged_once_at_warning_with_its_route_and_reason_but_not_its_body()
    {
        string body = """
            [{"specversion":"1.0","id":"a","source":"/s","type":"t","data":{"secret":"payload-text"}},
             {"specversion":"1.0","id":"x","source":"/s"}]
            """;

        var entries = await Handle(IngressRequests.Post(body, "application/cloudevents-batch+json"), IngressTarget.Broker, "default");

        var (level, _, text) = Assert.Single(entries);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Equal(
            "POST /api/brokers/default refused with 400 Invalid CloudEvent: The event at index 1 of the batch (id \"x\"): missing required attribute 'type'. Nothing of the batch was accepted.",
            text);
        Assert.DoesNotContain("payload-text", text, StringComparison.Ordinal);
        Assert.DoesNotContain("the-function-key", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_target_is_logged()
    {
        var entries = await Handle(IngressRequests.Post("{}", "application/json", IngressRequests.BinaryHeaders), IngressTarget.Sequence, "nowhere");

        Assert.Equal(
            "POST /api/sequences/nowhere refused with 404 Unknown target: There is no Sequence named 'nowhere' (known: sequence). Event \"b-1\" was not accepted.",
            Assert.Single(entries).Text);
    }

    [Fact]
    public async Task An_unknown_target_of_a_structured_event_is_logged_without_reading_the_body()
    {
        var entries = await Handle(IngressRequests.Post("""{"specversion":"1.0","id":"s-1","source":"/s","type":"t"}""", "application/cloudevents+json"), IngressTarget.Sequence, "nowhere");

        Assert.Equal("POST /api/sequences/nowhere refused with 404 Unknown target: There is no Sequence named 'nowhere' (known: sequence).", Assert.Single(entries).Text);
    }

    [Fact]
    public async Task An_event_whose_hop_counter_runs_out_as_it_enters_a_broker_is_refused_with_400_and_nothing_is_published()
    {
        (string, string)[] matching = [("ce-specversion", "1.0"), ("ce-id", "b-1"), ("ce-source", "/test"), ("ce-type", "dev.knative.cronjob.event")]; // the sample's Trigger takes it

        var entries = await Handle(IngressRequests.Post("{}", "application/json", [.. matching, ("ce-knativebrokerttl", "1")]), IngressTarget.Broker, "default");
        int scheduled = client.Scheduled.Count;
        await Handle(IngressRequests.Post("{}", "application/json", [.. matching, ("ce-knativebrokerttl", "2")]), IngressTarget.Broker, "default");

        Assert.Equal(
            "POST /api/brokers/default refused with 400 Hop counter ran out: Event \"b-1\" came with knativebrokerttl 1, which runs out as it enters Broker 'default' "
            + "(each entry takes one off): it has passed through Brokers as often as its counter allows, which means it was looping.",
            Assert.Single(entries).Text);
        Assert.Equal(0, scheduled);
        Assert.NotEmpty(client.Scheduled); // one of 2 enters with 1 and runs the Trigger
    }

    [Fact]
    public async Task A_method_other_than_post_is_logged()
    {
        HttpRequest request = IngressRequests.Post("", null);
        request.Method = "GET";

        var entries = await Handle(request, IngressTarget.Sequence, "sequence");

        Assert.StartsWith("GET /api/sequences/sequence refused with 405", Assert.Single(entries).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_webhook_handshake_is_not_a_refusal()
    {
        HttpRequest request = IngressRequests.Post("", null);
        request.Method = "OPTIONS";

        Assert.Empty(await Handle(request, IngressTarget.Sequence, "sequence"));
    }

    [Fact]
    public async Task A_run_that_cannot_be_started_for_an_outage_is_a_503_in_one_line_the_sender_can_retry()
    {
        client.Failure = new Azure.RequestFailedException(0, "Connection refused (127.0.0.1:10000)\n   at the storage client's stack, line after line");

        var entries = await Handle(IngressRequests.Post("{}", "application/json", IngressRequests.BinaryHeaders), IngressTarget.Sequence, "sequence");

        var (level, _, text) = Assert.Single(entries);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Equal(
            "POST /api/sequences/sequence refused with 503 Not taken: Sequence 'sequence' could not take the event: RequestFailedException: Connection refused (127.0.0.1:10000). "
            + "Send the request again: an event already taken is recognised by its source and id and not run twice.",
            text);
    }

    [Fact]
    public async Task A_failure_that_is_no_outage_fails_the_request_with_its_stack_not_a_503()
    {
        client.Failure = new InvalidOperationException("a bug");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Handle(IngressRequests.Post("{}", "application/json", IngressRequests.BinaryHeaders), IngressTarget.Sequence, "sequence"));
    }
}
