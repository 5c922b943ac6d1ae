using System.Text;
using Azure;
using Azure.Messaging.EventGrid;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Steps;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Functions.Brokers;

/// <summary>
/// Brokers with an Event Grid topic publish there (CloudEvents schema); Event Grid's subscriptions,
/// one per Trigger, then deliver to the Trigger ingress route. Other Brokers route in-process.
/// A topic that refuses the events themselves (400, 413) fails the publish with a <see cref="StepFailedException"/>
/// of its status and answer, which Knative does not retry, as its dispatcher takes a broker ingress's 400; its
/// cause is Event Grid's exception, which ingress passes on as it came. Other failures are Event Grid's, as they came.
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
        ReadOnlyMemory<byte>[] requests = [.. EventGridRequests.Of(encoded)];
        for (int i = 0; i < requests.Length; i++)
        {
            try
            {
                await topic.SendEncodedCloudEventsAsync(requests[i], cancellationToken);
            }
            catch (RequestFailedException refused) when (refused.Status is 400 or 413)
            {
                throw Refusal(broker, refused, i, requests.Length);
            }
        }

        foreach (CloudNative.CloudEvents.CloudEvent cloudEvent in events)
        {
            LogPublished(logger, broker, cloudEvent.Id, cloudEvent.Type);
        }
    }

    /// <summary>
    /// Sent again, the events would be refused again: the topic's status, and its answer for <c>knativeerrordata</c>. The
    /// publish fails whole, as its callers take it; of one split in several requests, it says which the topic refused,
    /// as the events of those before it were taken.
    /// </summary>
    private static StepFailedException Refusal(string broker, RequestFailedException refused, int request, int requests)
    {
        ReadOnlyMemory<byte> answer = refused.GetRawResponse()?.Content?.ToMemory() ?? ReadOnlyMemory<byte>.Empty;
        string code = string.IsNullOrEmpty(refused.ErrorCode) ? "" : $" ({refused.ErrorCode})";
        string taken = request switch { 0 => "", 1 => " (request 1's events were taken)", _ => $" (the events of requests 1 to {request} were taken)" };
        string which = requests == 1 ? "" : $" to request {request + 1} of {requests}{taken}";
        return new StepFailedException($"The Event Grid topic of Broker '{broker}' answered {refused.Status}{code}{which}", refused.Status, null, refused)
        {
            ResponseBytes = answer.Length == 0 ? null : answer[..Math.Min(answer.Length, StepFailedException.MaxResponseBytes)].ToArray(),
        };
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Broker {Broker}: event {EventId} ({Type}) published to Event Grid")]
    private static partial void LogPublished(ILogger logger, string broker, string? eventId, string? type);
}
