using FunctionsSequence.Core.Sequences;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Functions.Functions;

/// <summary>Activity: a whole Sequence for one event, for Sequences that checkpoint once per Sequence.</summary>
public sealed class RunSequenceFunction(SequenceActivities activities)
{
    [Function(FunctionNames.RunSequence)]
    public Task<SequenceOutcome> RunAsync([ActivityTrigger] SequenceInput input, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
        => activities.RunSequenceAsync(input, client, cancellationToken);
}
