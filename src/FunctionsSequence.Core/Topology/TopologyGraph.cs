using FunctionsSequence.Core.Api;

namespace FunctionsSequence.Core.Topology;

/// <summary>
/// How events flow through a set of manifests: sources, Brokers, Triggers, Sequences, Parallels,
/// Services and dead-letter sinks as nodes, and the routes between them as edges. Nodes come by kind in that
/// order, each kind in manifest order, so the same manifests always give the same graph and pictures.
/// </summary>
public sealed class TopologyGraph
{
    private readonly Dictionary<string, TopologyNode> byId;

    /// <summary>Creates a graph; every edge must join two of <paramref name="nodes"/>.</summary>
    public TopologyGraph(IReadOnlyList<TopologyNode> nodes, IReadOnlyList<TopologyEdge> edges)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        Nodes = nodes;
        Edges = edges;
        byId = nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        if (edges.FirstOrDefault(e => !byId.ContainsKey(e.From) || !byId.ContainsKey(e.To)) is { } loose)
        {
            throw new ArgumentException($"edge {loose.From} -> {loose.To} joins a node the graph does not have", nameof(edges));
        }
    }

    /// <summary>The boxes, by kind and then in manifest order.</summary>
    public IReadOnlyList<TopologyNode> Nodes { get; }

    /// <summary>The arrows, in manifest order of the resources that declare them (a Trigger declares the arrow from its Broker).</summary>
    public IReadOnlyList<TopologyEdge> Edges { get; }

    /// <summary>
    /// The topology of <paramref name="manifests"/>. A ref to one of <paramref name="unread"/> (declared, kept out by its
    /// errors: <see cref="Manifests.ManifestLoadResult.Unread"/>) is drawn as such, not as something the manifests lack.
    /// </summary>
    public static TopologyGraph Of(ManifestSet manifests, IReadOnlySet<(string Kind, string Name)>? unread = null) =>
        TopologyBuilder.Build(manifests, unread ?? new HashSet<(string Kind, string Name)>());

    /// <summary>The node with this id.</summary>
    public TopologyNode Node(string id) =>
        byId.TryGetValue(id, out TopologyNode? node) ? node : throw new KeyNotFoundException($"no node '{id}' in the topology");
}
