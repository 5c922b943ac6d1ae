using FunctionsSequence.Core.Sequences;
using Microsoft.DurableTask;

namespace FunctionsSequence.Core.Broker;

/// <summary>One Broker-to-subscriber delivery, as an orchestration so that it is durable (and retried, per the Trigger's delivery).</summary>
public static class TriggerOrchestration
{
    /// <summary>Delivers the event to the Trigger's subscriber.</summary>
    public static Task RunAsync(TaskOrchestrationContext context, TriggerInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CallActivityAsync(TaskNames.DeliverToSubscriber, input);
    }
}
