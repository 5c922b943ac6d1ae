using FunctionsSequence.Core.Delivery;
using Microsoft.DurableTask;

namespace FunctionsSequence.Core.Sequences.Tasks;

/// <summary>Class-based registration of <see cref="SequenceActivities.RunStepAsync"/>.</summary>
[DurableTask(TaskNames.RunStep)]
public sealed class RunStepActivity(SequenceActivities activities) : TaskActivity<StepInput, DeliveryResult>
{
    /// <inheritdoc />
    public override Task<DeliveryResult> RunAsync(TaskActivityContext context, StepInput input) => activities.RunStepAsync(input);
}
