using FunctionsSequence.Core.Filtering;

namespace FunctionsSequence.Core.Api;

/// <summary>A Knative Trigger: events of <see cref="Broker"/> that pass <see cref="Filter"/> go to <see cref="Subscriber"/>.</summary>
public sealed record TriggerResource(
    ResourceMetadata Metadata,
    string Broker,
    IEventFilter Filter,
    IReadOnlyDictionary<string, string> AttributesFilter,
    Destination Subscriber,
    DeliverySpec? Delivery)
{
    /// <summary>The Trigger name.</summary>
    public string Name => Metadata.Name;
}
