namespace FunctionsSequence.Core.Api;

/// <summary>A Knative Parallel: each event goes to every branch; branch replies go to the branch's reply, else to <see cref="Reply"/>.</summary>
public sealed record ParallelResource(
    ResourceMetadata Metadata,
    IReadOnlyList<ParallelBranch> Branches,
    Destination? Reply,
    ObjectReference? ChannelTemplate)
{
    /// <summary>The Parallel name.</summary>
    public string Name => Metadata.Name;
}
