using System.Text;
using Azure.Messaging.EventGrid;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Events;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Functions.Brokers;

/// <summary>
/// Brokers with an Event Grid topic publish there (CloudEvents schema); Event Grid's subscriptions,
/// one per Trigger, then deliver to the Trigger ingress route. Other Brokers route in-process.
/// </summary>
internal sealed partial class EventGridBrokerPublisher(
    IReadOnlyDictionary<string, EventGridPublisherClient> topics,
    InProcessBroker inProcess,
    ILogger<EventGridBrokerPublisher> logger) : IBrokerPublisher
{
    public async Task PublishAsync(
        DurableTaskClient client, string broker, IReadOnlyList<CloudNative.CloudEvents.CloudEvent> events, EventOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!topics.TryGetValue(broker, out EventGridPublisherClient? topic))
        {
            await inProcess.PublishAsync(client, broker, events, origin, cancellationToken);
            return;
        }

        // As their JSON, so every attribute and extension (the hop counter included) reaches Event
        // Grid unchanged; in as few requests as its size limit allows, which Event Grid fans out itself.
        byte[][] encoded = [.. events.Select(e => Encoding.UTF8.GetBytes(CloudEventJson.Encode(e)))];
        foreach (ReadOnlyMemory<byte> request in EventGridRequests.Of(encoded))
        {
            await topic.SendEncodedCloudEventsAsync(request, cancellationToken);
        }

        foreach (CloudNative.CloudEvents.CloudEvent cloudEvent in events)
        {
            LogPublished(logger, broker, cloudEvent.Id, cloudEvent.Type);
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Broker {Broker}: event {EventId} ({Type}) published to Event Grid")]
    private static partial void LogPublished(ILogger logger, string broker, string? eventId, string? type);
}
