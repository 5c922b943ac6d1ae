using FunctionsSequence.Core.Delivery;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Sequences.Tasks;

/// <summary>Class-based registration of <see cref="SequenceActivities.DeliverToSubscriberAsync"/>.</summary>
[DurableTask(TaskNames.DeliverToSubscriber)]
public sealed class DeliverToSubscriberActivity(SequenceActivities activities, DurableTaskClient client) : TaskActivity<TriggerInput, DeliveryResult>
{
    /// <inheritdoc />
    public override Task<DeliveryResult> RunAsync(TaskActivityContext context, TriggerInput input) => activities.DeliverToSubscriberAsync(input, client);
}
