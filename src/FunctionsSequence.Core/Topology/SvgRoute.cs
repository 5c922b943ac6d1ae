namespace FunctionsSequence.Core.Topology;

/// <summary>The orthogonal path of an edge, ending at its target's border, and where its label goes.</summary>
/// <param name="Edge">The edge drawn.</param>
/// <param name="Points">The corners, first at the source's border, last at the target's.</param>
/// <param name="LabelAt">The label's anchor point.</param>
/// <param name="LabelAnchor">SVG <c>text-anchor</c> of the label: <c>end</c> or <c>middle</c>.</param>
internal sealed record SvgRoute(TopologyEdge Edge, IReadOnlyList<SvgPoint> Points, SvgPoint LabelAt, string LabelAnchor);
