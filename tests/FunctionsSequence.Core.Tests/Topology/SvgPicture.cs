using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace FunctionsSequence.Core.Tests.Topology;

/// <summary>
/// An SVG of fseq graph read back as geometry: its boxes (the rounded rects), the corners of its
/// arrows and its texts, so that tests can check that the picture reads well, not just that it parses.
/// </summary>
internal sealed partial class SvgPicture
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private SvgPicture(XDocument document) => Document = document;

    public XDocument Document { get; }

    public double Width => Number(Document.Root!, "width");

    public double Height => Number(Document.Root!, "height");

    /// <summary>The node boxes: the rects with rounded corners (the background has none).</summary>
    public IReadOnlyList<(double X, double Y, double Right, double Bottom)> Boxes =>
        [.. Document.Descendants(Svg + "rect").Where(r => r.Attribute("rx") is not null)
            .Select(r => (Number(r, "x"), Number(r, "y"), Number(r, "x") + Number(r, "width"), Number(r, "y") + Number(r, "height")))];

    /// <summary>Each arrow as the corners of its orthogonal route (a rounded corner's control point is the corner).</summary>
    public IReadOnlyList<IReadOnlyList<(double X, double Y)>> Arrows =>
        [.. Document.Descendants(Svg + "path").Where(p => p.Attribute("marker-end") is not null)
            .Select(p => (IReadOnlyList<(double X, double Y)>)[.. Coordinates().Matches(p.Attribute("d")!.Value)
                .Select(m => (Coordinate(m.Groups[1].Value), Coordinate(m.Groups[2].Value)))])];

    public IReadOnlyList<string> Texts => [.. Document.Descendants(Svg + "text").Select(t => t.Value)];

    public static SvgPicture Parse(string svg) => new(XDocument.Parse(svg));

    /// <summary>Every box lies inside the picture and apart from every other.</summary>
    public void AssertBoxesApart()
    {
        var boxes = Boxes;
        Assert.All(boxes, b => Assert.True(b.X > 0 && b.Y > 0 && b.Right < Width && b.Bottom < Height, $"{b} outside {Width}x{Height}"));
        for (int i = 0; i < boxes.Count; i++)
        {
            for (int j = i + 1; j < boxes.Count; j++)
            {
                bool apart = boxes[i].Right <= boxes[j].X || boxes[j].Right <= boxes[i].X || boxes[i].Bottom <= boxes[j].Y || boxes[j].Bottom <= boxes[i].Y;
                Assert.True(apart, $"{boxes[i]} overlaps {boxes[j]}");
            }
        }
    }

    /// <summary>No stretch of any arrow runs through the inside of a box (arrows start and end on borders).</summary>
    public void AssertArrowsMissBoxes()
    {
        var boxes = Boxes;
        foreach (var arrow in Arrows)
        {
            for (int k = 1; k < arrow.Count; k++)
            {
                (double x1, double y1) = arrow[k - 1];
                (double x2, double y2) = arrow[k];
                foreach (var b in boxes)
                {
                    bool through = Math.Min(x1, x2) < b.Right - 1 && Math.Max(x1, x2) > b.X + 1 && Math.Min(y1, y2) < b.Bottom - 1 && Math.Max(y1, y2) > b.Y + 1;
                    Assert.False(through, $"arrow stretch ({x1},{y1})-({x2},{y2}) crosses box {b}");
                }
            }
        }
    }

    private static double Number(XElement element, string attribute) => Coordinate(element.Attribute(attribute)!.Value);

    private static double Coordinate(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(-?[\d.]+),(-?[\d.]+)")]
    private static partial Regex Coordinates();
}
