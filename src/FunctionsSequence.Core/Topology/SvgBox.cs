namespace FunctionsSequence.Core.Topology;

/// <summary>Where a node's box is drawn, and its detail lines as wrapped to fit.</summary>
internal sealed record SvgBox(TopologyNode Node, double X, double Y, double Width, double Height, IReadOnlyList<string> Lines)
{
    public double Right => X + Width;

    public double Bottom => Y + Height;

    public double CenterX => X + (Width / 2);

    public double CenterY => Y + (Height / 2);
}
