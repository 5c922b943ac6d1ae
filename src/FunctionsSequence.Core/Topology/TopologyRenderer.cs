namespace FunctionsSequence.Core.Topology;

/// <summary>Writes a <see cref="TopologyGraph"/> as text; the same graph always gives the same text.</summary>
public static class TopologyRenderer
{
    /// <summary>The graph in <paramref name="format"/>.</summary>
    public static string Render(TopologyGraph graph, TopologyFormat format)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return format switch
        {
            TopologyFormat.Mermaid => MermaidRenderer.Render(graph),
            TopologyFormat.Dot => DotRenderer.Render(graph),
            TopologyFormat.Svg => SvgRenderer.Render(graph),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "expected mermaid, dot or svg"),
        };
    }
}
