using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Flows;
using FunctionsSequence.Core.Routing;
using FunctionsSequence.Core.Tests.Flows;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSequence.Core.Tests.Delivery;

/// <summary>
/// <c>delivery.format</c>: <c>json</c> sends the hop's destination and its dead-letter sink the event in structured
/// mode, as Knative's dispatcher forces for both; <c>binary</c>, or none, in binary mode.
/// </summary>
public sealed class DeliveryFormatTests : IDisposable
{
    private const string Structured = "application/cloudevents+json";

    private readonly LogLines log = new();

    public void Dispose() => log.Dispose();

    private static string Sequence(string delivery) => $$"""
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: seq }
        spec:
          steps:
            - uri: http://step.local/fail
              delivery: { {{delivery}} deadLetterSink: { uri: "http://sink.local/dead" } }

        """;

    private static RunEvent Event() => new(CloudEventJson.Encode(Events.Json("""{"message":"hi"}""")));

    [Theory]
    [InlineData("format: json,", Structured, false)]
    [InlineData("format: binary,", "application/json", true)]
    [InlineData("", "application/json", true)]
    public async Task A_steps_format_is_the_mode_of_its_request_and_of_its_dead_letter(string format, string contentType, bool binary)
    {
        var endpoints = new RecordingEndpoint();
        using ServiceProvider services = FlowServices.Build(log, Sequence(format), http: endpoints);
        RunEvent input = Event();

        DeliveryResult failed = Assert.Single(await services.GetRequiredService<HopActivities>().RunStepAsync(new StepInput(Hop.Step("seq", 0), [input]), client: null!));
        DeliveryResult sent = await services.GetRequiredService<DeadLetterActivity>().SendAsync(
            new DeadLetterInput(input.Event.Json, "http://step.local/fail", Hop.Step("seq", 0), failed, 1), client: null!);

        Assert.True(sent.Succeeded, sent.Error);
        Assert.Equal([("/fail", contentType, binary), ("/dead", contentType, binary)], endpoints.Requests);
    }

    [Fact]
    public async Task A_triggers_format_is_the_mode_of_its_subscribers_request_and_the_brokers_fills_in_for_it()
    {
        string yaml = """
            apiVersion: eventing.knative.dev/v1
            kind: Broker
            metadata: { name: events }
            spec:
              delivery: { format: json }
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata: { name: own }
            spec:
              broker: events
              subscriber: { uri: "http://own.local/in" }
              delivery: { format: binary }
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata: { name: inherits }
            spec:
              broker: events
              subscriber: { uri: "http://inherits.local/in" }

            """;
        var endpoints = new RecordingEndpoint();
        using ServiceProvider services = FlowServices.Build(log, yaml, http: endpoints);
        SubscriberActivity subscribers = services.GetRequiredService<SubscriberActivity>();

        await subscribers.DeliverAsync(new TriggerRun("own", [Event()]), client: null!);
        await subscribers.DeliverAsync(new TriggerRun("inherits", [Event()]), client: null!);

        Assert.Equal([("/in", "application/json", true), ("/in", Structured, false)], endpoints.Requests);
    }

    [Fact]
    public async Task A_branch_s_format_is_the_mode_of_its_subscriber_s_request_not_of_its_filter_s()
    {
        // Knative's filter subscription carries no delivery; the branch's is its subscriber's.
        string yaml = """
            apiVersion: flows.knative.dev/v1
            kind: Parallel
            metadata: { name: par }
            spec:
              branches:
                - filter: { uri: "http://filter.local/keep" }
                  subscriber: { uri: "http://subscriber.local/in" }
                  delivery: { format: json }

            """;
        var endpoints = new RecordingEndpoint();
        using ServiceProvider services = FlowServices.Build(log, yaml, http: endpoints);
        HopActivities hops = services.GetRequiredService<HopActivities>();

        await hops.RunStepAsync(new StepInput(Hop.Filter("par", 0), [Event()]), client: null!);
        await hops.RunStepAsync(new StepInput(Hop.Branch("par", 0), [Event()]), client: null!);

        Assert.Equal([("/keep", "application/json", true), ("/in", Structured, false)], endpoints.Requests);
    }

    [Fact]
    public async Task A_structured_request_is_the_whole_event_as_json()
    {
        CloudEvent cloudEvent = Events.Json("""{"message":"hi"}""");

        using HttpRequestMessage request = CloudEventHttpWriter.CreateStructuredRequest(new Uri("http://step.local/"), cloudEvent);

        Assert.Equal(Structured, request.Content!.Headers.ContentType!.MediaType);
        Assert.False(request.Content.Headers.Contains("ce-id"));
        CloudEvent read = CloudEventJson.Decode(await request.Content.ReadAsStringAsync());
        Assert.Equal((cloudEvent.Id, cloudEvent.Type, """{"message":"hi"}"""), (read.Id, read.Type, System.Text.Encoding.UTF8.GetString(CloudEventJson.GetDataBytes(read))));
    }
}
