using FunctionsSequence.Core.Delivery;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Sequences.Tasks;

/// <summary>Class-based registration of <see cref="SequenceActivities.DeliverToSubscriberBatchAsync"/>.</summary>
[DurableTask(TaskNames.DeliverToSubscriberBatch)]
public sealed class DeliverToSubscriberBatchActivity(SequenceActivities activities, DurableTaskClient client) : TaskActivity<TriggerBatchInput, DeliveryResult[]>
{
    /// <inheritdoc />
    public override Task<DeliveryResult[]> RunAsync(TaskActivityContext context, TriggerBatchInput input) => activities.DeliverToSubscriberBatchAsync(input, client);
}
