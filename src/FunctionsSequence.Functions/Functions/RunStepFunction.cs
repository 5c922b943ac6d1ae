using FunctionsSequence.Core.Sequences;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsSequence.Functions.Functions;

/// <summary>Activity: runs step N of a Sequence.</summary>
public sealed class RunStepFunction(SequenceActivities activities)
{
    [Function(FunctionNames.RunStep)]
    public Task<string?> RunAsync([ActivityTrigger] StepInput input, CancellationToken cancellationToken)
        => activities.RunStepAsync(input, cancellationToken);
}
