using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Sequences.Tasks;

/// <summary>Class-based registration of <see cref="SequenceActivities.RunSequenceAsync"/>.</summary>
[DurableTask(TaskNames.RunSequence)]
public sealed class RunSequenceActivity(SequenceActivities activities, DurableTaskClient client) : TaskActivity<SequenceInput, SequenceOutcome>
{
    /// <inheritdoc />
    public override Task<SequenceOutcome> RunAsync(TaskActivityContext context, SequenceInput input) => activities.RunSequenceAsync(input, client);
}
