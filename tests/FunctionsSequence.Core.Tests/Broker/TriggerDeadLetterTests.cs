using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.DeadLetters;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Routing;
using FunctionsSequence.Core.Tests.Delivery;
using FunctionsSequence.Core.Tests.Flows;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSequence.Core.Tests.Broker;

/// <summary>A Trigger's dead letter is the event as Knative's Broker channel holds it: with its hop counter, which subscribers never see.</summary>
public sealed class TriggerDeadLetterTests : IDisposable
{
    private readonly LogLines log = new();

    public void Dispose() => log.Dispose();

    [Fact]
    public async Task A_triggers_dead_letter_carries_its_hop_counter_to_the_sink_and_into_its_record()
    {
        var endpoints = new RecordingEndpoint();
        using ServiceProvider services = FlowServices.Build(
            log, Manifests.BrokerAndTrigger("{ uri: http://step.local/fail }", """{ deadLetterSink: { uri: "http://sink.local/dead" } }"""), http: endpoints);
        RunEvent input = new(CloudEventJson.Encode(Events.Json("""{"message":"hi"}""")), brokerTtl: 7);

        DeliveryResult sent = await services.GetRequiredService<DeadLetterActivity>().SendAsync(
            new DeadLetterInput(input.Event.Json, "http://step.local/fail", Hop.Subscriber("t"), DeliveryResult.Failure(503, retryable: true, "down"), 1, BrokerTtl: input.BrokerTtl), client: null!);

        Assert.True(sent.Succeeded, sent.Error);
        Assert.Equal("7", Assert.Single(endpoints.Received).Headers["ce-knativebrokerttl"]);
        DeadLetterRecord record = Assert.Single(await services.GetRequiredService<IDeadLetterStore>().ListAsync(default));
        Assert.Equal(7, BrokerTtl.Get(CloudEventJson.Decode(record.Event))); // what a redrive gives the Trigger back
    }
}
