using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Sequences;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsSequence.Functions.Functions;

/// <summary>Activity: one attempt at step N of a Sequence for each event given.</summary>
public sealed class RunStepFunction(SequenceActivities activities)
{
    [Function(FunctionNames.RunStep)]
    public Task<DeliveryResult[]> RunAsync([ActivityTrigger] StepInput input, CancellationToken cancellationToken)
        => activities.RunStepAsync(input, cancellationToken);
}
