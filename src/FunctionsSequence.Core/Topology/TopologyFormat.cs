namespace FunctionsSequence.Core.Topology;

/// <summary>What <see cref="TopologyRenderer"/> writes.</summary>
public enum TopologyFormat
{
    /// <summary>A Mermaid <c>flowchart LR</c>, as GitHub renders in Markdown.</summary>
    Mermaid,

    /// <summary>Graphviz <c>dot</c> text.</summary>
    Dot,

    /// <summary>An SVG picture, laid out here (no browser or external program).</summary>
    Svg,
}
