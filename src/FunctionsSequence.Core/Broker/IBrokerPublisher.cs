using CloudNative.CloudEvents;
using FunctionsSequence.Core.Admission;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Broker;

/// <summary>
/// Carries events into a Broker once their hop counters are set (<see cref="Brokers"/> sets them).
/// In-process, it evaluates the Triggers right away; in Azure, a Broker with an Event Grid topic
/// publishes there and Event Grid's subscriptions do the routing.
/// </summary>
public interface IBrokerPublisher
{
    /// <summary>Publishes <paramref name="events"/> (hop counters set) into <paramref name="broker"/>.</summary>
    Task PublishAsync(DurableTaskClient client, string broker, IReadOnlyList<CloudEvent> events, EventOrigin origin, CancellationToken cancellationToken);
}
