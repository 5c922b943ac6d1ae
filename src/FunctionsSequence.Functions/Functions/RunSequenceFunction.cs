using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Sequences;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Functions.Functions;

/// <summary>Activity: a whole Sequence for each event of a run, for Sequences that checkpoint once per Sequence.</summary>
public sealed class RunSequenceFunction(SequenceActivities activities)
{
    [Function(FunctionNames.RunSequence)]
    public Task<RunOutcome> RunAsync([ActivityTrigger] SequenceRun input, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
        => activities.RunSequenceAsync(input, client, cancellationToken);
}
