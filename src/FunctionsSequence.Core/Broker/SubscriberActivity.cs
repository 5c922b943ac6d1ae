using CloudNative.CloudEvents;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Steps;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Broker;

/// <summary>
/// <see cref="TaskNames.DeliverToSubscriber"/>: one attempt at handing each event of a run to the
/// Trigger's subscriber, side by side; a result per event, in order. A Sequence or Parallel subscriber
/// takes them all as one run; the subscribers' replies go back into the Broker together, each one hop
/// less than its event. It runs at least once: what it starts has ids derived from its events.
/// </summary>
public sealed partial class SubscriberActivity(ManifestSet manifests, ServiceInvoker services, RunBatcher batcher, Brokers brokers, ILogger<SubscriberActivity> logger)
{
    /// <summary>Delivers <paramref name="run"/>'s events once each.</summary>
    public async Task<DeliveryResult[]> DeliverAsync(TriggerRun run, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        TriggerResource trigger = manifests.RequireTrigger(run.Trigger);
        var events = run.Events.Select(e => (Event: CloudEventJson.Decode(e.Event.Json), Ttl: e.BrokerTtl ?? BrokerTtl.Default)).ToList();
        foreach ((CloudEvent cloudEvent, _) in events)
        {
            LogDeliver(logger, trigger.Name, trigger.Subscriber, cloudEvent.Id);
        }

        if (RunTarget.Of(trigger.Subscriber) is { } target)
        {
            await batcher.StartNowAsync(client, target, [.. run.Events.Select((e, i) => RunMember.Of(target, events[i].Event, e with { BrokerTtl = events[i].Ttl }))], cancellationToken);
            return [.. events.Select(_ => DeliveryResult.Success(null))];
        }

        TimeSpan? timeout = manifests.DeliveryOf(trigger)?.Timeout;
        DeliveryResult[] results = await Task.WhenAll(events.Select(e => DeliveryAttempt.RunAsync(
            token => services.InvokeAsync(trigger.Subscriber, e.Event, asSubscriber: true, token), timeout, cancellationToken)));
        var replies = new List<RoutedEvent>();
        for (int i = 0; i < results.Length; i++)
        {
            if (results[i] is { Succeeded: true, Event: { } reply })
            {
                replies.Add(new RoutedEvent(CloudEventJson.Decode(reply), events[i].Ttl));
            }
        }

        if (replies.Count > 0)
        {
            await brokers.PublishAsync(client, trigger.Broker, replies, EventOrigin.Pipeline, cancellationToken);
        }

        return results;
    }

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Trigger {Trigger} delivers to {Subscriber}: event {EventId}")]
    private static partial void LogDeliver(ILogger logger, string trigger, Destination subscriber, string? eventId);
}
