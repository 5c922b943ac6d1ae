namespace FunctionsSequence.Core.Topology;

/// <summary>The colours and line styles every rendering uses, so that the pictures agree.</summary>
internal static class TopologyStyle
{
    /// <summary>The fill and border colour of a box.</summary>
    public static (string Fill, string Stroke) Box(TopologyNodeKind kind) => kind switch
    {
        TopologyNodeKind.Source => ("#fef7e0", "#e37400"),
        TopologyNodeKind.Broker => ("#e8f0fe", "#1a73e8"),
        TopologyNodeKind.Trigger => ("#f3e8fd", "#9334e6"),
        TopologyNodeKind.Sequence => ("#e6f4ea", "#1e8e3e"),
        TopologyNodeKind.Parallel => ("#e4f7fb", "#007b83"),
        TopologyNodeKind.Endpoint => ("#ffffff", "#5f6368"),
        _ => ("#f1f3f4", "#5f6368"),
    };

    /// <summary>The colour of an arrow and its label.</summary>
    public static string Edge(TopologyEdgeKind kind) => kind switch
    {
        TopologyEdgeKind.Reply => "#1e8e3e",
        TopologyEdgeKind.DeadLetter => "#d93025",
        _ => "#5f6368",
    };

    /// <summary>Dead-letter arrows and endpoint boxes (outside the manifests) are dashed.</summary>
    public static bool Dashed(TopologyEdgeKind kind) => kind == TopologyEdgeKind.DeadLetter;

    /// <inheritdoc cref="Dashed(TopologyEdgeKind)"/>
    public static bool Dashed(TopologyNodeKind kind) => kind == TopologyNodeKind.Endpoint;
}
