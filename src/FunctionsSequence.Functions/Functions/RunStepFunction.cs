using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Flows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Functions.Functions;

/// <summary>Activity: one attempt at a hop (a Sequence's step, a Parallel branch's filter or subscriber) for each event given, and at a flow's last hop its reply.</summary>
public sealed class RunStepFunction(HopActivities activities)
{
    [Function(FunctionNames.RunStep)]
    public Task<DeliveryResult[]> RunAsync([ActivityTrigger] StepInput input, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
        => activities.RunStepAsync(input, client, cancellationToken);
}
