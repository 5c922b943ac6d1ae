using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Sequences;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Broker;

/// <summary>
/// <see cref="TriggerOrchestration"/> for a batch: one activity per attempt hands the events to
/// the subscriber, each event retried, dead-lettered or failed on its own
/// (<see cref="GroupDelivery"/>); the others are delivered whatever becomes of one.
/// </summary>
public static class TriggerBatchOrchestration
{
    /// <summary>Delivers the batch to the Trigger's subscriber.</summary>
    public static async Task<TriggerBatchOutcome> RunAsync(TaskOrchestrationContext context, TriggerBatchInput input, ManifestSet manifests)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(manifests);
        TriggerResource trigger = manifests.RequireTrigger(input.Trigger);
        DeliverySpec? delivery = manifests.DeliveryOf(trigger);
        ILogger logger = context.CreateReplaySafeLogger("FunctionsSequence.Trigger");
        string what = $"Trigger {trigger.Name} to {trigger.Subscriber}";
        int delivered = 0, deadLettered = 0;
        var lost = new List<string>();
        await GroupDelivery.RunAsync(
            input.Events,
            delivery,
            events => context.CallActivityAsync<DeliveryResult[]>(TaskNames.DeliverToSubscriberBatch, new TriggerBatchInput(trigger.Name, [.. events])),
            wait => context.CreateTimer(wait, CancellationToken.None),
            done =>
            {
                delivered += done.Count;
                return Task.CompletedTask;
            },
            (item, result, attempts) =>
            {
                if (delivery?.DeadLetterSink is null)
                {
                    string id = CloudEventJson.Decode(item.Event.Json).Id!;
                    DeliveryLog.Failed(logger, $"{what} for event {id}", attempts, result.StatusCode, result.Error);
                    lost.Add($"event {id}: {result.Error}");
                    return Task.CompletedTask;
                }

                deadLettered++;
                return context.CallActivityAsync(TaskNames.DeadLetter, new DeadLetterInput(item.Event.Json, trigger.Subscriber.ToString(), null, null, trigger.Name, result, attempts));
            },
            (attempt, max, result, wait, count) => DeliveryLog.Retrying(logger, $"{what} for {count} event(s)", attempt, max, result.StatusCode, result.Error, wait.TotalSeconds));
        if (lost.Count > 0)
        {
            throw DeliveryFailedException.ForBatch($"for {what}", input.Events.Count, lost);
        }

        return new TriggerBatchOutcome(input.Events.Count, delivered, deadLettered);
    }
}
