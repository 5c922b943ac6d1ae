using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Functions.Functions;

/// <summary>Activity: one attempt at handing each event of a run to a Trigger's subscriber; replies go back to the Broker.</summary>
public sealed class DeliverToSubscriberFunction(SubscriberActivity activity)
{
    [Function(FunctionNames.DeliverToSubscriber)]
    public Task<DeliveryResult[]> RunAsync([ActivityTrigger] TriggerRun input, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
        => activity.DeliverAsync(input, client, cancellationToken);
}
