namespace FunctionsSequence.Core.Topology;

/// <summary>
/// Draws the arrows of <see cref="SvgLayout"/> orthogonally, through the gaps between columns
/// (which hold no boxes) and lanes below all boxes, so that no arrow crosses a box:
/// an arrow to the next column leaves its source's right side, turns in a vertical channel of
/// the gap (arrows from one source share it, as a fork) and enters its target's left side, its
/// label just before the target; any other arrow (a reply back to a Broker, or one that skips
/// columns) goes down to a lane of its own below the boxes, along it, and up into its target,
/// leaving or entering through the bottom of a box that is the lowest of its column, else through
/// a channel; its label sits on the lane.
/// </summary>
internal sealed class SvgRouter
{
    private const double ChannelStart = 14;
    private const double ChannelStep = 10;
    private const double LabelPad = 10;
    private const double LaneGap = 30;
    private const double LaneStep = 22;
    private const double PortStep = 14;
    private const double PortInset = 10;

    private readonly TopologyGraph graph;
    private readonly IReadOnlyList<IReadOnlyList<TopologyNode>> columns;
    private readonly Dictionary<string, int> columnOf = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<string>> channels = [];

    public SvgRouter(TopologyGraph graph, IReadOnlyList<IReadOnlyList<TopologyNode>> columns)
    {
        this.graph = graph;
        this.columns = columns;
        for (int c = 0; c < columns.Count; c++)
        {
            foreach (TopologyNode node in columns[c])
            {
                columnOf[node.Id] = c;
            }
        }

        // Channels of each gap (gap g is left of column g): forks first, then arrows leaving for a lane, then arrows arriving from one.
        foreach (TopologyEdge edge in graph.Edges.Where(Adjacent).OrderBy(e => Row(e.From)))
        {
            Channel(columnOf[edge.From] + 1, Fork(edge));
        }

        foreach (TopologyEdge edge in graph.Edges.Where(e => !Adjacent(e) && !IsLowest(e.From)))
        {
            Channel(columnOf[edge.From] + 1, Exit(edge));
        }

        foreach (TopologyEdge edge in graph.Edges.Where(e => !Adjacent(e) && !IsLowest(e.To)))
        {
            Channel(columnOf[edge.To], Enter(edge));
        }
    }

    /// <summary>The room each gap needs: its channels, and the labels placed in it.</summary>
    public IReadOnlyList<double> Gaps() => [.. Enumerable.Range(0, columns.Count + 1).Select(g =>
    {
        int count = channels.TryGetValue(g, out List<string>? keys) ? keys.Count : 0;
        double label = graph.Edges.Where(e => Adjacent(e) && columnOf[e.To] == g && e.Label.Length > 0)
            .Select(e => SvgLayout.LabelWidth(e.Label) + (2 * LabelPad)).DefaultIfEmpty(0).Max();
        return count == 0 && label == 0 ? 0 : ChannelStart + (count * ChannelStep) + Math.Max(label, LabelPad);
    })];

    /// <summary>The arrows, in edge order, and the lowest point any of them reaches.</summary>
    public (IReadOnlyList<SvgRoute> Routes, double Bottom) Route(SvgLayout layout)
    {
        var exits = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (SvgBox box in layout.Boxes.Values)
        {
            List<string> ports = [.. graph.Edges.Where(e => e.From == box.Node.Id && Adjacent(e)).Select(Fork).Distinct(),
                .. graph.Edges.Where(e => e.From == box.Node.Id && !Adjacent(e) && !IsLowest(e.From)).Select(Exit)];
            for (int k = 0; k < ports.Count; k++)
            {
                exits[ports[k]] = Clamp(box, box.CenterY + ((k - ((ports.Count - 1) / 2.0)) * PortStep));
            }
        }

        var entries = new Dictionary<TopologyEdge, double>(ReferenceEqualityComparer.Instance);
        var bottoms = new Dictionary<(TopologyEdge, bool), double>();
        foreach (SvgBox box in layout.Boxes.Values)
        {
            var left = graph.Edges.Where(e => e.To == box.Node.Id && (Adjacent(e) || !IsLowest(e.To)))
                .Select(e => (Edge: e, Ideal: Adjacent(e) ? exits[Fork(e)] : double.MaxValue))
                .OrderBy(p => p.Ideal).ToList();
            double previous = double.MinValue;
            bool fits = true;
            foreach ((TopologyEdge edge, double ideal) in left)
            {
                previous = Math.Max(Clamp(box, ideal), previous + PortStep);
                fits &= previous <= box.Bottom - PortInset;
                entries[edge] = previous;
            }

            for (int k = 0; !fits && k < left.Count; k++)
            {
                entries[left[k].Edge] = box.Y + ((k + 1) * box.Height / (left.Count + 1));
            }

            // The bottom of the lowest box of a column: arrows to and from the lanes, ordered by where their other end is.
            var under = graph.Edges.Where(e => !Adjacent(e))
                .SelectMany(e => new[] { (Edge: e, Leaving: true), (Edge: e, Leaving: false) })
                .Where(p => (p.Leaving ? p.Edge.From : p.Edge.To) == box.Node.Id && IsLowest(box.Node.Id))
                .OrderBy(p => layout.Boxes[p.Leaving ? p.Edge.To : p.Edge.From].CenterX).ToList();
            for (int k = 0; k < under.Count; k++)
            {
                bottoms[under[k]] = box.X + ((k + 1) * box.Width / (under.Count + 1));
            }
        }

        var routes = new List<SvgRoute>();
        int lane = 0;
        foreach (TopologyEdge edge in graph.Edges)
        {
            SvgBox from = layout.Boxes[edge.From];
            SvgBox to = layout.Boxes[edge.To];
            if (Adjacent(edge))
            {
                double x = ChannelX(layout, columnOf[edge.To], Fork(edge));
                SvgPoint[] points = [new(from.Right, exits[Fork(edge)]), new(x, exits[Fork(edge)]), new(x, entries[edge]), new(to.X, entries[edge])];
                routes.Add(new SvgRoute(edge, points, new SvgPoint(to.X - 12, entries[edge] - 5), "end"));
                continue;
            }

            double y = layout.ContentBottom + LaneGap + (lane++ * LaneStep);
            List<SvgPoint> path = IsLowest(edge.From)
                ? [new(bottoms[(edge, true)], from.Bottom), new(bottoms[(edge, true)], y)]
                : [new(from.Right, exits[Exit(edge)]), new(ChannelX(layout, columnOf[edge.From] + 1, Exit(edge)), exits[Exit(edge)]), new(ChannelX(layout, columnOf[edge.From] + 1, Exit(edge)), y)];
            double laneStart = path[^1].X;
            if (IsLowest(edge.To))
            {
                path.AddRange([new(bottoms[(edge, false)], y), new(bottoms[(edge, false)], to.Bottom)]);
            }
            else
            {
                double x = ChannelX(layout, columnOf[edge.To], Enter(edge));
                path.AddRange([new(x, y), new(x, entries[edge]), new(to.X, entries[edge])]);
            }

            double laneEnd = path[IsLowest(edge.To) ? ^2 : ^3].X;
            routes.Add(new SvgRoute(edge, path, new SvgPoint((laneStart + laneEnd) / 2, y - 5), "middle"));
        }

        return (routes, lane == 0 ? layout.ContentBottom : layout.ContentBottom + LaneGap + ((lane - 1) * LaneStep) + 4);
    }

    private static string Fork(TopologyEdge edge) => $"fork:{edge.From}";

    private static string Exit(TopologyEdge edge) => $"exit:{edge.From}>{edge.To}:{edge.Kind}";

    private static string Enter(TopologyEdge edge) => $"enter:{edge.From}>{edge.To}:{edge.Kind}";

    private static double Clamp(SvgBox box, double y) => Math.Clamp(y, box.Y + PortInset, box.Bottom - PortInset);

    private bool Adjacent(TopologyEdge edge) => columnOf[edge.To] == columnOf[edge.From] + 1;

    private bool IsLowest(string id) => columns[columnOf[id]][^1].Id == id;

    private int Row(string id) => columns[columnOf[id]].Select(n => n.Id).ToList().IndexOf(id);

    private void Channel(int gap, string key)
    {
        List<string> keys = channels.TryGetValue(gap, out List<string>? known) ? known : channels[gap] = [];
        if (!keys.Contains(key))
        {
            keys.Add(key);
        }
    }

    private double ChannelX(SvgLayout layout, int gap, string key)
    {
        double start = gap == 0 ? SvgLayout.Margin : layout.Columns[gap - 1][0].Right;
        return start + ChannelStart + (channels[gap].IndexOf(key) * ChannelStep);
    }
}
