using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Sequences.Tasks;

/// <summary>Class-based registration of <see cref="SequenceActivities.RunSequenceBatchAsync"/>.</summary>
[DurableTask(TaskNames.RunSequenceBatch)]
public sealed class RunSequenceBatchActivity(SequenceActivities activities, DurableTaskClient client) : TaskActivity<SequenceBatchInput, SequenceOutcome[]>
{
    /// <inheritdoc />
    public override Task<SequenceOutcome[]> RunAsync(TaskActivityContext context, SequenceBatchInput input) => activities.RunSequenceBatchAsync(input, client);
}
