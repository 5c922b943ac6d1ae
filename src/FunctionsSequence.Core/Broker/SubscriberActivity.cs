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
/// takes them all as one run; a Broker subscriber takes them in one publish, each with one hop less, and answers nothing; the
/// subscribers' replies go back into the Broker together, each one hop less than its event. It runs at
/// least once: what it starts has ids derived from its events.
/// </summary>
public sealed partial class SubscriberActivity(ManifestSet manifests, ServiceInvoker services, RunBatcher batcher, Brokers brokers, AppStopping stopping, ILogger<SubscriberActivity> logger)
{
    /// <summary>Delivers <paramref name="run"/>'s events once each.</summary>
    public async Task<DeliveryResult[]> DeliverAsync(TriggerRun run, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        TriggerResource trigger = manifests.RequireTrigger(run.Trigger);
        var events = run.Events.Select(e => (Event: e.Event.Decode(), Ttl: e.BrokerTtl ?? BrokerTtl.Default)).ToList();
        foreach ((CloudEvent cloudEvent, _) in events)
        {
            LogDeliver(logger, trigger.Name, trigger.Subscriber, cloudEvent.Id);
        }

        Hop hop = Hop.Subscriber(trigger.Name);
        DeliverySpec? delivery = manifests.DeliveryOf(trigger);
        TimeSpan? timeout = delivery?.Timeout;
        if (RunTarget.TakesOver(trigger.Subscriber))
        {
            // A flow or Broker subscriber takes the run's events over in one call, an attempt like any other: one that fails
            // or outlasts the delivery's timeout is retried and dead-lettered by the delivery. A flow runs them as one run;
            // a Broker publishes them, each with one hop less, and answers nothing, as Knative's broker ingress answers 202.
            CloudEvent[] handed = [.. events.Select(e => e.Event)];
            return stopping.Check(
                await HandOver.AttemptAsync(hop, trigger.Subscriber, handed, token => HandOverAsync(client, trigger.Subscriber, events, hop, token), timeout, cancellationToken),
                hop.ToString());
        }

        DeliveryResult[] results = await Task.WhenAll(events.Select(e => TracedAttempt.RunAsync(
            hop, trigger.Subscriber, e.Event, (sent, token) => services.InvokeAsync(trigger.Subscriber, sent, AnswerUse.Subscriber, hop.ToString(), delivery?.Format, token), timeout, cancellationToken)));
        stopping.Check(results, hop.ToString());
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
            // Bounded as a flow's reply is, so that the call fits in its function timeout (DeliveryPolicy.FitsInCall). Replies the
            // Broker does not take fail the attempts that answered them, which the Trigger's delivery retries and then dead-letters,
            // as Knative's dispatcher does a reply (here the subscriber is called again with the event: at least once).
            DeliveryResult published = await DeliveryAttempt.RunAsync(
                async token =>
                {
                    await brokers.PublishAsync(client, trigger.Broker, replies, EventOrigin.Pipeline, token);
                    return null;
                },
                DeliveryPolicy.DefaultTimeout,
                cancellationToken);
            // Taken or not, the replies are not carried back: the Trigger's run reads no reply, only how each attempt went.
            DeliveryResult? failed = published.Succeeded ? null : published with { Error = $"Broker {trigger.Broker} did not take the reply of the subscriber: {published.Error}" };
            for (int i = 0; i < results.Length; i++)
            {
                results[i] = results[i] is { Succeeded: true, Event: not null } ? failed ?? results[i] with { Reply = null } : results[i];
            }
        }

        return stopping.Check(results, hop.ToString());
    }

    /// <summary>
    /// Starts one run of the events in the subscriber flow, with an id derived from them and the hop, or publishes them to the
    /// subscriber Broker with their counters. Each is encoded as it is now, with the hop's span if one was written on it.
    /// </summary>
    private Task HandOverAsync(DurableTaskClient client, Destination subscriber, List<(CloudEvent Event, int Ttl)> events, Hop hop, CancellationToken cancellationToken) =>
        RunTarget.Of(subscriber) is { } target
            ? batcher.StartNowAsync(client, target, [.. events.Select(e => RunMember.Of(target, e.Event, new RunEvent(CloudEventJson.Encode(e.Event), e.Ttl), hop.ToString()))], cancellationToken)
            : brokers.PublishAsync(client, subscriber.Ref!.Name, [.. events.Select(e => new RoutedEvent(e.Event, e.Ttl))], EventOrigin.Pipeline, cancellationToken);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Trigger {Trigger} delivers to {Subscriber}: event {EventId}")]
    private static partial void LogDeliver(ILogger logger, string trigger, Destination subscriber, string? eventId);
}
