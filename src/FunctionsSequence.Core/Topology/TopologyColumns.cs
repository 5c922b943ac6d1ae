namespace FunctionsSequence.Core.Topology;

/// <summary>
/// The columns of the layered picture, left to right: sources, Brokers, Triggers, then Sequences,
/// Parallels and Services, then what they send to. A node sits in its kind's column, or further
/// right than every node that sends it events, so that arrows point right; an arrow back to an
/// earlier kind (a reply to a Broker) or one that would close a loop does not move anything.
/// Columns left empty are dropped; within a column, nodes keep the graph's (manifest) order.
/// </summary>
internal static class TopologyColumns
{
    public static IReadOnlyList<IReadOnlyList<TopologyNode>> Of(TopologyGraph graph)
    {
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        ILookup<string, TopologyEdge> into = graph.Edges.ToLookup(e => e.To, StringComparer.Ordinal);

        int Place(TopologyNode node)
        {
            if (column.TryGetValue(node.Id, out int placed))
            {
                return placed;
            }

            visiting.Add(node.Id);
            int result = KindColumn(node.Kind);
            foreach (TopologyEdge edge in into[node.Id])
            {
                TopologyNode from = graph.Node(edge.From);
                if (KindColumn(from.Kind) <= KindColumn(node.Kind) && !visiting.Contains(from.Id))
                {
                    result = Math.Max(result, Place(from) + 1);
                }
            }

            visiting.Remove(node.Id);
            column[node.Id] = result;
            return result;
        }

        foreach (TopologyNode node in graph.Nodes)
        {
            Place(node);
        }

        return [.. graph.Nodes.GroupBy(n => column[n.Id]).OrderBy(g => g.Key).Select(g => (IReadOnlyList<TopologyNode>)[.. g])];
    }

    private static int KindColumn(TopologyNodeKind kind) => kind switch
    {
        TopologyNodeKind.Source => 0,
        TopologyNodeKind.Broker => 1,
        TopologyNodeKind.Trigger => 2,
        _ => 3,
    };
}
