using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Sequences;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Functions.Functions;

/// <summary>Activity: one attempt at handing each event of a batch to a Trigger's subscriber.</summary>
public sealed class DeliverToSubscriberBatchFunction(SequenceActivities activities)
{
    [Function(FunctionNames.DeliverToSubscriberBatch)]
    public Task<DeliveryResult[]> RunAsync([ActivityTrigger] TriggerBatchInput input, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
        => activities.DeliverToSubscriberBatchAsync(input, client, cancellationToken);
}
