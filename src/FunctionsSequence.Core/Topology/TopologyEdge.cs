namespace FunctionsSequence.Core.Topology;

/// <summary>An arrow of the topology: events go from <see cref="From"/> to <see cref="To"/> (node ids).</summary>
/// <param name="From">The id of the node events leave.</param>
/// <param name="To">The id of the node events reach.</param>
/// <param name="Kind">Why they go.</param>
/// <param name="Label">What the arrow says (empty for a Broker to its Trigger, whose filter is in the Trigger's box).</param>
public sealed record TopologyEdge(string From, string To, TopologyEdgeKind Kind, string Label);
