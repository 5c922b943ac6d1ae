using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Telemetry;
using Microsoft.DurableTask;

namespace FunctionsSequence.Core.Broker;

/// <summary>
/// A Trigger's delivery of one or more events to its subscriber, durable and retried per the
/// Trigger's <c>delivery</c> (else the Broker's), one activity per attempt for the events it
/// concerns; an event whose retries run out goes to the Trigger's, else the Broker's, dead-letter
/// sink, or fails the run (once the others are delivered) with the event kept in its input.
/// </summary>
public static class TriggerOrchestration
{
    /// <summary>Delivers the run's events to the Trigger's subscriber.</summary>
    public static async Task<RunOutcome> RunAsync(TaskOrchestrationContext context, TriggerRun run, ManifestSet manifests)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(manifests);
        TriggerResource trigger = manifests.RequireTrigger(run.Trigger);
        var tally = new RunTally(run.Events.Count).Tracking(run.Events);
        var delivery = new SubscriberDelivery(context, trigger, manifests.DeliveryOf(trigger), tally, manifests.Describe(Hop.Subscriber(trigger.Name)));
        RunTarget target = RunTarget.Trigger(trigger.Name);
        FlowMetrics.RunStarted(context.IsReplaying, target, run.Events.Count);
        await delivery.RunAsync(run.Events);
        RunOutcome outcome = tally.Outcome();
        FlowMetrics.RunEnded(context.IsReplaying, target, outcome);
        return DeliveryFailedException.ThrowIfFailed(outcome, $"for Trigger {trigger.Name} to {trigger.Subscriber}");
    }

    /// <summary>The subscriber hop: an attempt is a <see cref="TaskNames.DeliverToSubscriber"/> activity.</summary>
    private sealed class SubscriberDelivery(TaskOrchestrationContext context, TriggerResource trigger, DeliverySpec? delivery, RunTally tally, string label)
        : GroupDelivery(new DurableDeliveryContext(context, "FunctionsSequence.Trigger"), Hop.Subscriber(trigger.Name), delivery, $"Trigger {trigger.Name} to {trigger.Subscriber}", tally, label)
    {
        protected override Task<DeliveryResult[]> AttemptAsync(IReadOnlyList<RunEvent> events) =>
            RunPayload.InPartsAsync(events, part => context.CallActivityAsync<DeliveryResult[]>(TaskNames.DeliverToSubscriber, new TriggerRun(trigger.Name, part)));

        protected override Task SucceededAsync(IReadOnlyList<(RunEvent Event, DeliveryResult Result)> done)
        {
            Tally.Delivered(done.Count);
            return Task.CompletedTask;
        }

        protected override DeadLetterInput DeadLetterOf(RunEvent failed, DeliveryResult result, int attempts) =>
            new(failed.Event.Json, trigger.Subscriber.ToString(), Hop.Subscriber(trigger.Name), result, attempts, failed.Redrive, BrokerTtl: failed.BrokerTtl);
    }
}
