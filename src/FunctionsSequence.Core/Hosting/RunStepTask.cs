using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Sequences;
using Microsoft.DurableTask;

namespace FunctionsSequence.Core.Hosting;

/// <summary><see cref="SequenceActivities.RunStepAsync"/> as a class-based activity.</summary>
[DurableTask(TaskNames.RunStep)]
public sealed class RunStepTask(SequenceActivities activities) : TaskActivity<StepInput, DeliveryResult[]>
{
    /// <inheritdoc />
    public override Task<DeliveryResult[]> RunAsync(TaskActivityContext context, StepInput input) => activities.RunStepAsync(input);
}
