using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Sequences;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Functions.Functions;

/// <summary>Activity: one attempt at handing an event to a Trigger's subscriber, and its reply back to the Broker.</summary>
public sealed class DeliverToSubscriberFunction(SequenceActivities activities)
{
    [Function(FunctionNames.DeliverToSubscriber)]
    public Task<DeliveryResult> RunAsync([ActivityTrigger] TriggerInput input, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
        => activities.DeliverToSubscriberAsync(input, client, cancellationToken);
}
