using FunctionsSequence.Core.Sequences;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Functions.Functions;

/// <summary>Activity: a whole Sequence for each event of a batch (<c>checkpoint: sequence</c>).</summary>
public sealed class RunSequenceBatchFunction(SequenceActivities activities)
{
    [Function(FunctionNames.RunSequenceBatch)]
    public Task<SequenceOutcome[]> RunAsync([ActivityTrigger] SequenceBatchInput input, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
        => activities.RunSequenceBatchAsync(input, client, cancellationToken);
}
