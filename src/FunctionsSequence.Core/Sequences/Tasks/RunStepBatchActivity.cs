using FunctionsSequence.Core.Delivery;
using Microsoft.DurableTask;

namespace FunctionsSequence.Core.Sequences.Tasks;

/// <summary>Class-based registration of <see cref="SequenceActivities.RunStepBatchAsync"/>.</summary>
[DurableTask(TaskNames.RunStepBatch)]
public sealed class RunStepBatchActivity(SequenceActivities activities) : TaskActivity<StepBatchInput, DeliveryResult[]>
{
    /// <inheritdoc />
    public override Task<DeliveryResult[]> RunAsync(TaskActivityContext context, StepBatchInput input) => activities.RunStepBatchAsync(input);
}
