using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Sequences;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsSequence.Functions.Functions;

/// <summary>Activity: one attempt at step N for each event of a batch.</summary>
public sealed class RunStepBatchFunction(SequenceActivities activities)
{
    [Function(FunctionNames.RunStepBatch)]
    public Task<DeliveryResult[]> RunAsync([ActivityTrigger] StepBatchInput input, CancellationToken cancellationToken)
        => activities.RunStepBatchAsync(input, cancellationToken);
}
