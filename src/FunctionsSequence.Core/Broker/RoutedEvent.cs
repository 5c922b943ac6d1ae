using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Broker;

/// <summary>An event being sent on, with the Broker hop counter of the event whose work produced it.</summary>
/// <param name="Event">The event.</param>
/// <param name="BrokerTtl">The hop counter of the Broker event that started the work (a reply gets one less); null when none did.</param>
public sealed record RoutedEvent(CloudEvent Event, int? BrokerTtl = null);
