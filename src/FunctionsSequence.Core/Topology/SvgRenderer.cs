using System.Globalization;
using System.Text;
using System.Xml;

namespace FunctionsSequence.Core.Topology;

/// <summary>
/// The topology as a standalone SVG picture: boxes coloured by kind with their kind, name and
/// details, and labelled arrows (replies green, dead letters dashed red), laid out by
/// <see cref="SvgLayout"/> and <see cref="SvgRouter"/>; each box's group carries its node id as
/// <c>data-node</c>. Written through <see cref="XmlWriter"/>, so
/// every name and filter is escaped; numbers are invariant, so the output is byte-for-byte stable.
/// </summary>
internal static class SvgRenderer
{
    private const string Svg = "http://www.w3.org/2000/svg";
    private const double Corner = 6;

    public static string Render(TopologyGraph graph)
    {
        if (graph.Nodes.Count == 0)
        {
            return Write(2 * SvgLayout.Margin, 2 * SvgLayout.Margin, _ => { });
        }

        IReadOnlyList<IReadOnlyList<TopologyNode>> columns = TopologyColumns.Of(graph);
        var router = new SvgRouter(graph, columns);
        SvgLayout layout = SvgLayout.Of(columns, router.Gaps());
        (IReadOnlyList<SvgRoute> routes, double bottom) = router.Route(layout);
        return Write(Math.Ceiling(layout.Right + SvgLayout.Margin), Math.Ceiling(bottom + SvgLayout.Margin), svg =>
        {
            Markers(svg, graph);
            svg.WriteStartElement("g", Svg);
            svg.WriteAttributeString("fill", "none");
            svg.WriteAttributeString("stroke-width", "1.4");
            foreach (SvgRoute route in routes)
            {
                Arrow(svg, route);
            }

            svg.WriteEndElement();
            foreach (SvgBox box in layout.Boxes.Values)
            {
                Box(svg, box);
            }

            foreach (SvgRoute route in routes.Where(r => r.Edge.Label.Length > 0))
            {
                string color = TopologyStyle.Edge(route.Edge.Kind);
                Text(svg, route.LabelAt.X, route.LabelAt.Y, route.Edge.Label, SvgLayout.LabelFont, color, ("text-anchor", route.LabelAnchor), ("stroke", "#ffffff"), ("stroke-width", "4"), ("paint-order", "stroke"));
            }
        });
    }

    private static string Write(double width, double height, Action<XmlWriter> body)
    {
        var text = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", OmitXmlDeclaration = true };
        using (var svg = XmlWriter.Create(text, settings))
        {
            svg.WriteStartElement("svg", Svg);
            svg.WriteAttributeString("width", Number(width));
            svg.WriteAttributeString("height", Number(height));
            svg.WriteAttributeString("viewBox", $"0 0 {Number(width)} {Number(height)}");
            svg.WriteAttributeString("font-family", "Helvetica, Arial, sans-serif");
            svg.WriteElementString("title", Svg, "Event topology");
            Element(svg, "rect", ("width", Number(width)), ("height", Number(height)), ("fill", "#ffffff"));
            body(svg);
            svg.WriteEndElement();
        }

        return text.Append('\n').ToString();
    }

    /// <summary>One arrowhead per arrow colour.</summary>
    private static void Markers(XmlWriter svg, TopologyGraph graph)
    {
        svg.WriteStartElement("defs", Svg);
        foreach (string color in graph.Edges.Select(e => TopologyStyle.Edge(e.Kind)).Distinct().Order(StringComparer.Ordinal))
        {
            svg.WriteStartElement("marker", Svg);
            foreach ((string name, string value) in new[] { ("id", MarkerId(color)), ("viewBox", "0 0 10 10"), ("refX", "10"), ("refY", "5"), ("markerWidth", "9"), ("markerHeight", "9"), ("markerUnits", "userSpaceOnUse"), ("orient", "auto") })
            {
                svg.WriteAttributeString(name, value);
            }

            Element(svg, "path", ("d", "M0,0 L10,5 L0,10 z"), ("fill", color));
            svg.WriteEndElement();
        }

        svg.WriteEndElement();
    }

    private static void Arrow(XmlWriter svg, SvgRoute route)
    {
        string color = TopologyStyle.Edge(route.Edge.Kind);
        var attributes = new List<(string, string)> { ("d", Path(route.Points)), ("stroke", color), ("marker-end", $"url(#{MarkerId(color)})") };
        if (TopologyStyle.Dashed(route.Edge.Kind))
        {
            attributes.Add(("stroke-dasharray", "5 4"));
        }

        Element(svg, "path", [.. attributes]);
    }

    private static void Box(XmlWriter svg, SvgBox box)
    {
        TopologyNode node = box.Node;
        (string fill, string stroke) = TopologyStyle.Box(node.Kind);
        svg.WriteStartElement("g", Svg);
        svg.WriteAttributeString("data-node", node.Id); // how the dashboard finds a node's box to show its counts
        svg.WriteElementString("title", Svg, string.Join('\n', [$"{node.KindLabel} {node.Name}", .. node.Lines]));
        var rect = new List<(string, string)> { ("x", Number(box.X)), ("y", Number(box.Y)), ("width", Number(box.Width)), ("height", Number(box.Height)), ("rx", "8"), ("fill", fill), ("stroke", stroke), ("stroke-width", "1.5") };
        if (TopologyStyle.Dashed(node.Kind))
        {
            rect.Add(("stroke-dasharray", "4 3"));
        }

        Element(svg, "rect", [.. rect]);
        double x = box.X + SvgLayout.PadX;
        Text(svg, x, box.Y + SvgLayout.KindBaseline, node.KindLabel, SvgLayout.KindFont, stroke, ("letter-spacing", "0.3"));
        Text(svg, x, box.Y + SvgLayout.NameBaseline, node.Name, SvgLayout.NameFont, "#202124", ("font-weight", "bold"));
        for (int i = 0; i < box.Lines.Count; i++)
        {
            Text(svg, x, box.Y + SvgLayout.FirstLineBaseline + (i * SvgLayout.LineHeight), box.Lines[i], SvgLayout.LineFont, "#3c4043", ("font-family", "Menlo, Consolas, 'DejaVu Sans Mono', monospace"), ("xml:space", "preserve"));
        }

        svg.WriteEndElement();
    }

    private static void Text(XmlWriter svg, double x, double y, string text, double size, string color, params (string Name, string Value)[] more)
    {
        svg.WriteStartElement("text", Svg);
        svg.WriteAttributeString("x", Number(x));
        svg.WriteAttributeString("y", Number(y));
        svg.WriteAttributeString("font-size", Number(size));
        svg.WriteAttributeString("fill", color);
        foreach ((string name, string value) in more)
        {
            if (name == "xml:space")
            {
                svg.WriteAttributeString("xml", "space", null, value);
            }
            else
            {
                svg.WriteAttributeString(name, value);
            }
        }

        svg.WriteString(text);
        svg.WriteEndElement();
    }

    private static void Element(XmlWriter svg, string name, params (string Name, string Value)[] attributes)
    {
        svg.WriteStartElement(name, Svg);
        foreach ((string attribute, string value) in attributes)
        {
            svg.WriteAttributeString(attribute, value);
        }

        svg.WriteEndElement();
    }

    /// <summary>The polyline with its corners rounded; points in a straight line are dropped.</summary>
    private static string Path(IReadOnlyList<SvgPoint> points)
    {
        List<SvgPoint> kept = [points[0]];
        for (int i = 1; i < points.Count; i++)
        {
            SvgPoint last = kept[^1];
            if (points[i] == last)
            {
                continue;
            }

            if (kept.Count >= 2 && Collinear(kept[^2], last, points[i]))
            {
                kept[^1] = points[i];
            }
            else
            {
                kept.Add(points[i]);
            }
        }

        var d = new StringBuilder($"M{Number(kept[0].X)},{Number(kept[0].Y)}");
        for (int i = 1; i < kept.Count - 1; i++)
        {
            SvgPoint before = kept[i - 1], corner = kept[i], after = kept[i + 1];
            double r = Math.Min(Corner, Math.Min(Distance(before, corner), Distance(corner, after)) / 2);
            SvgPoint start = Toward(corner, before, r), end = Toward(corner, after, r);
            d.Append(CultureInfo.InvariantCulture, $" L{Number(start.X)},{Number(start.Y)} Q{Number(corner.X)},{Number(corner.Y)} {Number(end.X)},{Number(end.Y)}");
        }

        return d.Append(CultureInfo.InvariantCulture, $" L{Number(kept[^1].X)},{Number(kept[^1].Y)}").ToString();
    }

    private static bool Collinear(SvgPoint a, SvgPoint b, SvgPoint c) => (a.X == b.X && b.X == c.X) || (a.Y == b.Y && b.Y == c.Y);

    private static double Distance(SvgPoint a, SvgPoint b) => Math.Abs(a.X - b.X) + Math.Abs(a.Y - b.Y);

    private static SvgPoint Toward(SvgPoint from, SvgPoint to, double by)
    {
        double length = Distance(from, to);
        return new SvgPoint(from.X + ((to.X - from.X) * by / length), from.Y + ((to.Y - from.Y) * by / length));
    }

    private static string MarkerId(string color) => $"arrow-{color.TrimStart('#')}";

    private static string Number(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
