namespace FunctionsSequence.Core.Api;

/// <summary>A Knative Broker: an event ingress whose Triggers route to subscribers.</summary>
/// <param name="Metadata">Name and location.</param>
/// <param name="Delivery">Default delivery for the Broker's Triggers; Knative's default (<see cref="DeliverySpec.BrokerDefault"/>) when the manifest writes none.</param>
/// <param name="Implied">True for the seed's <c>default</c> Broker, created by labelling the namespace rather than declared.</param>
public sealed record BrokerResource(ResourceMetadata Metadata, DeliverySpec? Delivery, bool Implied)
{
    /// <summary>The Broker name.</summary>
    public string Name => Metadata.Name;

    /// <summary>The name of the Broker the seed gets from <c>knative-eventing-injection=enabled</c>.</summary>
    public const string DefaultName = "default";
}
