using CloudNative.CloudEvents;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Broker;

/// <summary>
/// Puts events into a Broker. In-process, it evaluates the Triggers right away; in Azure, a Broker
/// with an Event Grid topic publishes there and Event Grid's subscriptions do the routing.
/// </summary>
public interface IBrokerPublisher
{
    /// <summary>Publishes one event (with its hop counter already set) into <paramref name="broker"/>.</summary>
    Task PublishAsync(DurableTaskClient client, string broker, CloudEvent cloudEvent, CancellationToken cancellationToken);

    /// <summary>
    /// Publishes events from inside the pipeline (an activity's replies; hop counters set) into
    /// <paramref name="broker"/>: handed on at once, never waiting for a slot.
    /// </summary>
    Task PublishBatchAsync(DurableTaskClient client, string broker, IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken);
}
