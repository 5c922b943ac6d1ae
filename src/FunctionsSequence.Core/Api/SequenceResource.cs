namespace FunctionsSequence.Core.Api;

/// <summary>A Knative Sequence: ordered steps and an optional reply.</summary>
public sealed record SequenceResource(
    ResourceMetadata Metadata,
    IReadOnlyList<SequenceStep> Steps,
    Destination? Reply,
    ObjectReference? ChannelTemplate,
    CheckpointMode Checkpoint = CheckpointMode.Step)
{
    /// <summary>Annotation that chooses the <see cref="CheckpointMode"/> of one Sequence (<c>step</c> or <c>sequence</c>).</summary>
    public const string CheckpointAnnotation = "functionssequence.dev/checkpoint";

    /// <summary>The Sequence name.</summary>
    public string Name => Metadata.Name;
}
