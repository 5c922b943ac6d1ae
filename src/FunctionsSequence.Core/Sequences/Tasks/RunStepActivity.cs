using Microsoft.DurableTask;

namespace FunctionsSequence.Core.Sequences.Tasks;

/// <summary>Class-based registration of <see cref="SequenceActivities.RunStepAsync"/>.</summary>
[DurableTask(TaskNames.RunStep)]
public sealed class RunStepActivity(SequenceActivities activities) : TaskActivity<StepInput, string?>
{
    /// <inheritdoc />
    public override Task<string?> RunAsync(TaskActivityContext context, StepInput input) => activities.RunStepAsync(input);
}
