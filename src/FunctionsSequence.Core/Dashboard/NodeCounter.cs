using FunctionsSequence.Core.Inspection;
using FunctionsSequence.Core.Topology;

namespace FunctionsSequence.Core.Dashboard;

/// <summary>
/// Counts events per node of the topology from runs as inspection reads them, so both hosts count
/// the same way from what the task hub keeps. A Trigger, Sequence or Parallel counts its own runs;
/// what it passes on along a subscriber or reply arrow, and what its dead-letter sinks take, counts in
/// at a Broker, Service or endpoint there (a flow there counts its own runs instead); a Broker counts
/// out what its Triggers received.
/// Events that reach a Broker from a source or a sender count at the Triggers that take them; those
/// no Trigger takes leave no run and are not counted.
/// </summary>
public static class NodeCounter
{
    /// <summary>The count at every node of <paramref name="graph"/> but its sources, which leave no run (zero where nothing passed).</summary>
    public static IReadOnlyDictionary<string, NodeCount> Count(TopologyGraph graph, IEnumerable<RunDetail> runs)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(runs);
        var counts = graph.Nodes.Where(n => n.Kind != TopologyNodeKind.Source).ToDictionary(n => n.Id, _ => NodeCount.Zero, StringComparer.Ordinal);
        void Add(string id, NodeCount more)
        {
            if (counts.TryGetValue(id, out NodeCount? count))
            {
                counts[id] = new(count.In + more.In, count.Out + more.Out, count.Failed + more.Failed, count.DeadLettered + more.DeadLettered);
            }
        }

        // Where a node's events come from and go, looked up per run rather than found among all edges.
        ILookup<string, TopologyEdge> triggersInto = graph.Edges.Where(e => e.Kind == TopologyEdgeKind.Trigger).ToLookup(e => e.To, StringComparer.Ordinal);
        ILookup<string, TopologyEdge> passedOn = graph.Edges
            .Where(e => e.Kind is TopologyEdgeKind.Subscriber or TopologyEdgeKind.Reply && !CountsItself(graph.Node(e.To)))
            .ToLookup(e => e.From, StringComparer.Ordinal);
        ILookup<string, TopologyEdge> deadLetters = graph.Edges
            .Where(e => e.Kind == TopologyEdgeKind.DeadLetter && !CountsItself(graph.Node(e.To)))
            .ToLookup(e => e.From, StringComparer.Ordinal);
        foreach (RunDetail run in runs)
        {
            string id = $"{run.Run.Kind.ToLowerInvariant()}/{run.Run.Target}";
            if (!counts.ContainsKey(id))
            {
                continue; // a run of a flow these manifests no longer hold
            }

            int events = run.Events.Count;
            int through = run.Run.Status == "completed" ? run.Events.Count(e => e.Hops.All(h => h.Result == "ok")) : 0;
            int lettered = run.Events.Sum(e => e.Hops.Count(h => h.Result == RunReader.DeadLetteredResult));
            Add(id, new(events, through, run.Run.Status == "failed" ? events : 0, lettered));
            foreach (TopologyEdge edge in triggersInto[id])
            {
                Add(edge.From, NodeCount.Zero with { Out = events });
            }

            foreach (TopologyEdge edge in passedOn[id])
            {
                Add(edge.To, NodeCount.Zero with { In = through });
            }

            // A Trigger without a dead-letter sink of its own uses its Broker's, whose arrow the Broker has.
            foreach (TopologyEdge edge in deadLetters[id].Concat(triggersInto[id].SelectMany(t => deadLetters[t.From])).DistinctBy(e => e.To))
            {
                string sink = Destination(graph.Node(edge.To));
                int received = run.Events.Sum(e => e.Hops.Count(h => h.Result == RunReader.DeadLetteredResult && h.DeadLetterSink == sink));
                Add(edge.To, NodeCount.Zero with { In = received });
            }
        }

        return counts;
    }

    /// <summary>A node as a run's record names a dead-letter sink: <c>Service/name</c>, or a URI.</summary>
    private static string Destination(TopologyNode node) => node.KindLabel == "URI" ? node.Name : $"{node.KindLabel}/{node.Name}";

    private static bool CountsItself(TopologyNode node) => node.Kind is TopologyNodeKind.Trigger or TopologyNodeKind.Sequence or TopologyNodeKind.Parallel;
}
