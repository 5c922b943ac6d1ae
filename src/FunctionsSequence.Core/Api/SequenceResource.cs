namespace FunctionsSequence.Core.Api;

/// <summary>One step of a Sequence: where the event goes, and how delivery to it is retried.</summary>
public sealed record SequenceStep(Destination Destination, DeliverySpec? Delivery);

/// <summary>A Knative Sequence: ordered steps and an optional reply.</summary>
public sealed record SequenceResource(
    ResourceMetadata Metadata,
    IReadOnlyList<SequenceStep> Steps,
    Destination? Reply,
    ObjectReference? ChannelTemplate)
{
    /// <summary>The Sequence name.</summary>
    public string Name => Metadata.Name;
}
