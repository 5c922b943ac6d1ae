using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Hosting;

/// <summary><see cref="SubscriberActivity.DeliverAsync"/> as a class-based activity.</summary>
[DurableTask(TaskNames.DeliverToSubscriber)]
public sealed class DeliverToSubscriberTask(SubscriberActivity activity, DurableTaskClient client) : TaskActivity<TriggerRun, DeliveryResult[]>
{
    /// <inheritdoc />
    public override Task<DeliveryResult[]> RunAsync(TaskActivityContext context, TriggerRun input) => activity.DeliverAsync(input, client);
}
