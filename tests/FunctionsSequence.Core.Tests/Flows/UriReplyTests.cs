using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Flows;
using FunctionsSequence.Core.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsSequence.Core.Tests.Flows;

/// <summary>
/// A run's reply to a URI: each event is its own request, tried again on its own (4 tries, 1, 2 and
/// 4 s apart), so one event's failure sends none of the others again; what is given up says why.
/// </summary>
public sealed class UriReplyTests : IDisposable
{
    private const string Destination = "http://reply.local/in";

    private static readonly string Yaml = Manifests.OneStepSequence($"{{ uri: \"{Destination}\" }}");

    private readonly LogLines log = new();

    public void Dispose() => log.Dispose();

    [Fact]
    public async Task Only_the_event_that_failed_is_sent_again()
    {
        var destination = new ReplyDestination(busyOnce: "r-busy");

        await Activities(destination).DeliverReplyAsync(Replies("r-1", "r-busy", "r-2"), client: null!);

        Assert.Equal(["r-1", "r-2", "r-busy", "r-busy"], destination.Received.Order(StringComparer.Ordinal));
        Assert.Single(log.Lines, l => l.Contains($"Sequence seq reply to {Destination} failed for event r-busy: POST {Destination} answered 503", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refusal_Knative_does_not_retry_is_given_up_at_once_and_says_so()
    {
        var destination = new ReplyDestination(refuses: "r-bad");

        ReplyGivenUpException given = await Assert.ThrowsAsync<ReplyGivenUpException>(() => Activities(destination).DeliverReplyAsync(Replies("r-1", "r-bad"), client: null!));

        Assert.Equal($"1 of 2 event(s) not delivered; 1 refused (event r-bad: POST {Destination} answered 422 Unprocessable Entity)", given.Message);
        Assert.Equal(["r-1", "r-bad"], destination.Received.Order(StringComparer.Ordinal));
        Assert.Single(log.Lines, l => l.Contains($"Sequence seq reply to {Destination} failed for event r-bad: POST {Destination} answered 422", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_one_checkpoint_an_event_never_taken_is_tried_4_times_in_all_and_says_so()
    {
        var destination = new ReplyDestination(down: "r-down");
        using ServiceProvider services = FlowServices.Build(log, Yaml, http: destination);
        var hops = new InProcessFlowHops(
            services.GetRequiredService<HopActivities>(), services.GetRequiredService<DeadLetterActivity>(), client: null!, "run-1", NullLogger.Instance, CancellationToken.None);

        ReplyGivenUpException given = await Assert.ThrowsAsync<ReplyGivenUpException>(() => hops.DeliverReplyAsync(Replies("r-1", "r-down")));

        Assert.Equal(["r-1", "r-down", "r-down", "r-down", "r-down"], destination.Received.Order(StringComparer.Ordinal));
        Assert.Equal($"1 of 2 event(s) not delivered; 1 not taken after 4 tries (event r-down: POST {Destination} answered 503 Service Unavailable)", given.Message);
    }

    [Fact]
    public async Task While_the_app_stops_an_event_not_taken_is_not_given_up_and_the_activity_throws_to_run_again()
    {
        var destination = new ReplyDestination(refuses: "r-bad");
        using var lifetime = new StoppingLifetime();
        lifetime.Stop();
        using ServiceProvider services = FlowServices.Build(log, Yaml, lifetime: lifetime, http: destination);

        OperationCanceledException stopped = await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => services.GetRequiredService<HopActivities>().DeliverReplyAsync(Replies("r-1", "r-bad"), client: null!));

        Assert.StartsWith("Sequence seq reply: the app is stopping", stopped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_the_app_stops_a_reply_whose_only_failures_are_refusals_of_the_last_hops_try_fails_and_is_not_sent_again()
    {
        var destination = new ReplyDestination();
        using var lifetime = new StoppingLifetime();
        lifetime.Stop();
        using ServiceProvider services = FlowServices.Build(log, Yaml, lifetime: lifetime, http: destination);

        ReplyGivenUpException given = await Assert.ThrowsAsync<ReplyGivenUpException>(
            () => services.GetRequiredService<HopActivities>().DeliverReplyAsync(Replies("r-1", "r-bad") with { Refused = [null, "answered 422"] }, client: null!));

        Assert.Equal(["r-1"], destination.Received);
        Assert.Equal("1 of 2 event(s) not delivered; 1 refused (event r-bad: answered 422)", given.Message);
    }

    private HopActivities Activities(ReplyDestination destination) =>
        FlowServices.Build(log, Yaml, http: destination).GetRequiredService<HopActivities>();

    private static ReplyInput Replies(params string[] ids) =>
        new(Hop.Step("seq", 0), [.. ids.Select(id => new RunEvent(CloudEventJson.Encode(Events.Json("""{"message": "m"}""", id: id))))]);
}
