using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Sequences;
using Microsoft.DurableTask;

namespace FunctionsSequence.Core.Broker;

/// <summary>
/// One Broker-to-subscriber delivery, durable and retried per the Trigger's <c>delivery</c> (else
/// the Broker's); when retries run out the event goes to the Trigger's, else the Broker's,
/// dead-letter sink, or the delivery fails with the event kept in its input.
/// </summary>
public static class TriggerOrchestration
{
    /// <summary>Delivers the event to the Trigger's subscriber.</summary>
    public static async Task<bool> RunAsync(TaskOrchestrationContext context, TriggerInput input, ManifestSet manifests)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(manifests);
        TriggerResource trigger = manifests.RequireTrigger(input.Trigger);
        DeliverySpec? delivery = manifests.DeliveryOf(trigger);
        (DeliveryResult result, int attempts) = await DurableDelivery.DeliverAsync(
            context, delivery, $"Trigger {trigger.Name} to {trigger.Subscriber}",
            () => context.CallActivityAsync<DeliveryResult>(TaskNames.DeliverToSubscriber, input));
        if (result.Succeeded)
        {
            return true;
        }

        if (delivery?.DeadLetterSink is null)
        {
            DeliveryLog.Failed(context.CreateReplaySafeLogger("FunctionsSequence.Trigger"), $"Trigger {trigger.Name}", attempts, result.StatusCode, result.Error);
            throw new DeliveryFailedException(
                $"Trigger {trigger.Name} to {trigger.Subscriber} failed after {attempts} attempt(s): {result.Error}. " +
                "No deadLetterSink is set; the event is kept in this orchestration's input.");
        }

        await context.CallActivityAsync(TaskNames.DeadLetter, new DeadLetterInput(input.Event.Json, trigger.Subscriber.ToString(), null, null, trigger.Name, result, attempts));
        return false;
    }
}
