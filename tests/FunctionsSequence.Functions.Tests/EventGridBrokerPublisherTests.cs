using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Messaging.EventGrid;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Steps;
using FunctionsSequence.Functions.Brokers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsSequence.Functions.Tests;

/// <summary>A Broker with a topic publishes with the real Event Grid SDK; a local endpoint records what arrives.</summary>
public sealed class EventGridBrokerPublisherTests(FunctionsAppFixture app) : IClassFixture<FunctionsAppFixture>, IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Path, string Query, string? Key, string? ContentType, string Body)> received = new();
    private WebApplication? topic;
    private HttpStatusCode? refusing;
    private int refusingAfter;

    private const string TopicAnswer = """{"error":{"code":"BadRequest","message":"The topic refuses the events."}}""";

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        topic = builder.Build();
        topic.MapPost("/api/events", async (HttpRequest request) =>
        {
            string body = await new StreamReader(request.Body).ReadToEndAsync();
            received.Enqueue((request.Path, request.QueryString.Value ?? "", request.Headers["aeg-sas-key"].FirstOrDefault(), request.ContentType, body));
            return refusing is { } status && received.Count > refusingAfter
                ? Results.Content(TopicAnswer, "application/json", Encoding.UTF8, (int)status)
                : Results.Ok();
        });
        await topic.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (topic is not null)
        {
            await topic.DisposeAsync();
        }
    }

    [Fact]
    public async Task Publishes_the_event_unchanged_as_a_cloudevents_batch_to_the_topic()
    {
        string address = topic!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new EventGridPublisherClient(new Uri($"{address}/api/events"), new AzureKeyCredential("test-key"));
        var publisher = new EventGridBrokerPublisher(
            new Dictionary<string, EventGridPublisherClient> { ["default"] = client },
            app.Services.GetRequiredService<InProcessBroker>(),
            NullLogger<EventGridBrokerPublisher>.Instance);
        var cloudEvent = new CloudEvent
        {
            Id = "eg-1",
            Source = new Uri("/apis/v1/namespaces/default/cronjobsources/cronjob-source", UriKind.Relative),
            Type = "samples.http.mod3",
            Time = new DateTimeOffset(2019, 9, 4, 2, 31, 0, TimeSpan.Zero),
            DataContentType = "application/json",
            Data = JsonDocument.Parse("""{"message":"Hello world! - Handled by 0"}""").RootElement.Clone(),
        };
        cloudEvent["knativebrokerttl"] = "254";
        cloudEvent["somekey"] = "value";

        await publisher.PublishAsync(app.Client, "default", [cloudEvent], EventOrigin.Pipeline, default);

        var request = Assert.Single(received);
        Assert.Equal("/api/events", request.Path);
        Assert.Equal("?api-version=2018-01-01", request.Query);
        Assert.Equal("test-key", request.Key);
        Assert.Equal("application/cloudevents-batch+json; charset=utf-8", request.ContentType);
        JsonElement sent = Assert.Single(JsonDocument.Parse(request.Body).RootElement.EnumerateArray());
        Assert.Equal("1.0", sent.GetProperty("specversion").GetString());
        Assert.Equal("eg-1", sent.GetProperty("id").GetString());
        Assert.Equal("/apis/v1/namespaces/default/cronjobsources/cronjob-source", sent.GetProperty("source").GetString());
        Assert.Equal("samples.http.mod3", sent.GetProperty("type").GetString());
        Assert.Equal(cloudEvent.Time, sent.GetProperty("time").GetDateTimeOffset()); // the SDK writes UTC as +00:00
        Assert.Equal("application/json", sent.GetProperty("datacontenttype").GetString());
        Assert.Equal("254", sent.GetProperty("knativebrokerttl").GetString());
        Assert.Equal("value", sent.GetProperty("somekey").GetString());
        Assert.Equal("Hello world! - Handled by 0", sent.GetProperty("data").GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_run_of_events_larger_than_Event_Grids_limit_per_request_is_published_in_several_requests_in_order()
    {
        string address = topic!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var publisher = new EventGridBrokerPublisher(
            new Dictionary<string, EventGridPublisherClient> { ["default"] = new(new Uri($"{address}/api/events"), new AzureKeyCredential("test-key")) },
            app.Services.GetRequiredService<InProcessBroker>(),
            NullLogger<EventGridBrokerPublisher>.Instance);
        CloudEvent[] events = [.. Enumerable.Range(0, 5).Select(i => new CloudEvent
        {
            Id = $"big-{i}",
            Source = new Uri("/tests", UriKind.Relative),
            Type = "test.big",
            DataContentType = "text/plain",
            Data = new string('x', 400_000),
        })];

        await publisher.PublishAsync(app.Client, "default", events, EventOrigin.Pipeline, default);

        Assert.Equal(3, received.Count); // two of about 400 KB per request
        Assert.All(received, r => Assert.True(Encoding.UTF8.GetByteCount(r.Body) <= 1_000_000, $"{Encoding.UTF8.GetByteCount(r.Body)} bytes"));
        Assert.All(received, r => Assert.Equal("application/cloudevents-batch+json; charset=utf-8", r.ContentType));
        Assert.Equal(
            events.Select(e => e.Id),
            received.SelectMany(r => JsonDocument.Parse(r.Body).RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString())));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge)]
    public async Task A_topic_that_refuses_the_events_fails_the_publish_as_a_refusal_Knative_does_not_retry_with_its_answer(HttpStatusCode status)
    {
        refusing = status;

        StepFailedException refusal = await Assert.ThrowsAsync<StepFailedException>(() => Publisher().PublishAsync(app.Client, "default", [Event("refused-1")], EventOrigin.Pipeline, default));

        Assert.Single(received); // the publisher does not send it again
        Assert.Equal((int)status, refusal.StatusCode);
        Assert.False(refusal.Retryable);
        Assert.Equal($"The Event Grid topic of Broker 'default' answered {(int)status} (BadRequest)", refusal.Message);
        Assert.Equal(TopicAnswer, Encoding.UTF8.GetString(refusal.ResponseBytes!));
        Assert.Equal((int)status, Assert.IsType<RequestFailedException>(refusal.InnerException).Status); // what ingress passes on
    }

    [Fact]
    public async Task A_refusal_of_a_later_request_of_a_split_publish_says_which_and_that_those_before_it_were_taken()
    {
        (refusing, refusingAfter) = (HttpStatusCode.RequestEntityTooLarge, 1);
        CloudEvent[] events = [Event("small-1"), Event("too-large", new string('x', 1_100_000)), Event("small-2")];

        StepFailedException refusal = await Assert.ThrowsAsync<StepFailedException>(() => Publisher().PublishAsync(app.Client, "default", events, EventOrigin.Pipeline, default));

        Assert.Equal(2, received.Count); // the third request is not sent
        Assert.Equal("The Event Grid topic of Broker 'default' answered 413 (BadRequest) to request 2 of 3 (request 1's events were taken)", refusal.Message);
    }

    [Fact]
    public async Task A_topic_out_of_order_fails_the_publish_with_event_grids_own_exception_for_the_delivery_to_retry()
    {
        refusing = HttpStatusCode.ServiceUnavailable;

        RequestFailedException failure = await Assert.ThrowsAsync<RequestFailedException>(() => Publisher().PublishAsync(app.Client, "default", [Event("down-1")], EventOrigin.Pipeline, default));

        Assert.Equal(503, failure.Status);
    }

    /// <summary>A publisher to the local topic whose SDK does not retry, so that one request is one try.</summary>
    private EventGridBrokerPublisher Publisher()
    {
        string address = topic!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var options = new EventGridPublisherClientOptions();
        options.Retry.MaxRetries = 0;
        return new EventGridBrokerPublisher(
            new Dictionary<string, EventGridPublisherClient> { ["default"] = new(new Uri($"{address}/api/events"), new AzureKeyCredential("test-key"), options) },
            app.Services.GetRequiredService<InProcessBroker>(),
            NullLogger<EventGridBrokerPublisher>.Instance);
    }

    private static CloudEvent Event(string id, string message = "hi") => new()
    {
        Id = id,
        Source = new Uri("/tests", UriKind.Relative),
        Type = "test.event",
        DataContentType = "application/json",
        Data = JsonDocument.Parse(JsonSerializer.Serialize(new { message })).RootElement.Clone(),
    };
}
