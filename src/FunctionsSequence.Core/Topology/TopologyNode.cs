namespace FunctionsSequence.Core.Topology;

/// <summary>A box of the topology.</summary>
/// <param name="Id">Unique in the graph: the kind and name in lower case, as <c>broker/default</c>.</param>
/// <param name="Kind">What it stands for.</param>
/// <param name="KindLabel">The kind as the manifests say it, as <c>CronJobSource</c>.</param>
/// <param name="Name">The resource name, or the URI of an endpoint.</param>
/// <param name="Lines">Details, in order: a source's schedule, a Trigger's filter, a Sequence's steps, a Parallel's branches, what a Service runs.</param>
public sealed record TopologyNode(string Id, TopologyNodeKind Kind, string KindLabel, string Name, IReadOnlyList<string> Lines);
