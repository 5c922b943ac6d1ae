using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Topology;

/// <summary>
/// Builds the <see cref="TopologyGraph"/> of a <see cref="ManifestSet"/>. A Service used only as a
/// Sequence step or a Parallel branch's filter or subscriber is a line of that flow rather than a
/// box of its own; one that events are delivered to otherwise (a sink, a Trigger's subscriber, a
/// reply or a dead-letter sink), or that nothing refers to, is a box.
/// </summary>
internal sealed class TopologyBuilder
{
    private readonly ManifestSet manifests;
    private readonly IReadOnlySet<(string Kind, string Name)> unread;
    private readonly List<TopologyEdge> edges = [];
    private readonly List<TopologyNode> endpoints = [];
    private readonly HashSet<string> deliveredTo = new(StringComparer.Ordinal);
    private readonly HashSet<string> steps = new(StringComparer.Ordinal);

    private TopologyBuilder(ManifestSet manifests, IReadOnlySet<(string Kind, string Name)> unread)
    {
        this.manifests = manifests;
        this.unread = unread;
    }

    public static TopologyGraph Build(ManifestSet manifests, IReadOnlySet<(string Kind, string Name)> unread)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        return new TopologyBuilder(manifests, unread).Build();
    }

    private static string Id(TopologyNodeKind kind, string name) => $"{kind.ToString().ToLowerInvariant()}/{name}";

    private TopologyGraph Build()
    {
        var nodes = new List<TopologyNode>();
        // Manifests with errors may declare a source or Trigger twice (an error): it is one box.
        foreach (PingSourceResource source in manifests.Sources.DistinctBy(s => s.Name))
        {
            string id = Id(TopologyNodeKind.Source, source.Name);
            nodes.Add(new(id, TopologyNodeKind.Source, source.Kind, source.Name, [source.TimeZone is { } zone ? $"{source.Schedule} ({zone})" : source.Schedule]));
            Edge(id, source.Sink, TopologyEdgeKind.Sink, "sink");
        }

        foreach (BrokerResource broker in manifests.Brokers.Values)
        {
            string id = Id(TopologyNodeKind.Broker, broker.Name);
            nodes.Add(new(id, TopologyNodeKind.Broker, ResourceKind.Broker, broker.Name, broker.Implied ? ["implied (namespace label)"] : []));
            DeadLetter(id, broker.Delivery, "dead letter");
        }

        foreach (TriggerResource trigger in manifests.Triggers.DistinctBy(t => t.Name))
        {
            string id = Id(TopologyNodeKind.Trigger, trigger.Name);
            nodes.Add(new(id, TopologyNodeKind.Trigger, ResourceKind.Trigger, trigger.Name, FilterText.Lines(trigger.Filter)));
            edges.Add(new(Target(Destination.To(ResourceKind.Broker, trigger.Broker)), id, TopologyEdgeKind.Trigger, string.Empty));
            Edge(id, trigger.Subscriber, TopologyEdgeKind.Subscriber, "subscriber");
            DeadLetter(id, trigger.Delivery, "dead letter");
        }

        foreach (SequenceResource sequence in manifests.Sequences.Values)
        {
            string id = Id(TopologyNodeKind.Sequence, sequence.Name);
            nodes.Add(new(id, TopologyNodeKind.Sequence, ResourceKind.Sequence, sequence.Name, [.. sequence.Steps.Select((step, i) => $"{i}. {HopText(id, step.Destination, $"step {i}")}")]));
            if (sequence.Reply is { } reply)
            {
                Edge(id, reply, TopologyEdgeKind.Reply, "reply");
            }

            PerHop(id, [.. sequence.Steps.Select(step => step.Delivery?.DeadLetterSink)], TopologyEdgeKind.DeadLetter, "dead letter", ("step", "steps"), plainWhenAll: false);
        }

        foreach (ParallelResource parallel in manifests.Parallels.Values)
        {
            string id = Id(TopologyNodeKind.Parallel, parallel.Name);
            nodes.Add(new(id, TopologyNodeKind.Parallel, ResourceKind.Parallel, parallel.Name, [.. parallel.Branches.Select((branch, i) => BranchText(id, branch, i))]));
            PerHop(id, [.. parallel.Branches.Select(branch => branch.Reply ?? parallel.Reply)], TopologyEdgeKind.Reply, "reply", ("branch", "branches"), plainWhenAll: true);
            PerHop(id, [.. parallel.Branches.Select(branch => branch.Delivery?.DeadLetterSink)], TopologyEdgeKind.DeadLetter, "dead letter", ("branch", "branches"), plainWhenAll: false);
        }

        foreach (ServiceResource service in manifests.Services.Values)
        {
            string id = Id(TopologyNodeKind.Service, service.Name);
            if (deliveredTo.Contains(id))
            {
                nodes.Add(new(id, TopologyNodeKind.Service, ResourceKind.Service, service.Name, [Runs(service)]));
            }
            else if (!steps.Contains(id))
            {
                nodes.Add(new(id, TopologyNodeKind.Service, ResourceKind.Service, service.Name, [Runs(service), "not referenced"]));
            }
        }

        nodes.AddRange(endpoints);
        return new TopologyGraph(nodes, edges);
    }

    private static string Runs(ServiceResource service) => service.Runtime switch
    {
        ServiceRuntime.Appender => service.Environment.TryGetValue("STEP", out string? step) ? $"appender, STEP={step}" : "appender",
        ServiceRuntime.Display => "event display",
        ServiceRuntime.InApp => $"C# step {service.StepName}",
        _ => service.Url is { } url ? ShownUri.Of(url) : "HTTP",
    };

    /// <summary>A Parallel's branch as a line: <c>0. filter even-filter -&gt; even-transformer</c>, or <c>1. odd-transformer</c> without a filter.</summary>
    private string BranchText(string parallel, ParallelBranch branch, int number)
    {
        string? filter = branch.Filter is { } f ? HopText(parallel, f, $"branch {number} filter") : null;
        string subscriber = HopText(parallel, branch.Subscriber, $"branch {number}");
        return filter is null ? $"{number}. {subscriber}" : $"{number}. filter {filter} -> {subscriber}";
    }

    /// <summary>
    /// A step, or a branch's filter or subscriber, as it reads in its flow's box. A Service of these
    /// manifests is named and needs no box for it; a Sequence, Parallel or Broker is a box of its own, so it
    /// also gets an arrow from the flow, labelled <paramref name="label"/>.
    /// </summary>
    private string HopText(string flow, Destination destination, string label)
    {
        if (destination.Ref is { Kind: ResourceKind.Service } service && manifests.Services.ContainsKey(service.Name))
        {
            steps.Add(Id(TopologyNodeKind.Service, service.Name));
            return destination.Uri is null ? service.Name : destination.ToString();
        }

        if (destination.Ref is { Kind: ResourceKind.Sequence or ResourceKind.Parallel or ResourceKind.Broker })
        {
            Edge(flow, destination, TopologyEdgeKind.Step, label);
        }

        return destination.Ref is { } r && unread.Contains((r.Kind, r.Name)) ? $"{destination} (has errors)" : destination.ToString();
    }

    /// <summary>
    /// One arrow per node that a flow's steps or branches (numbered from 0, as logs, run records and
    /// the dashboard's runs number them; null for none) send to, naming them: <c>dead letter, steps 0, 2</c>. With <paramref name="plainWhenAll"/>,
    /// an arrow that every one of them takes is just <paramref name="label"/>.
    /// </summary>
    private void PerHop(string from, IReadOnlyList<Destination?> targets, TopologyEdgeKind kind, string label, (string One, string Many) hop, bool plainWhenAll)
    {
        var groups = targets.Select((to, i) => (To: to, Number: i)).Where(t => t.To is not null).GroupBy(t => Target(t.To!));
        foreach (var group in groups)
        {
            List<int> numbers = [.. group.Select(t => t.Number)];
            string which = plainWhenAll && numbers.Count == targets.Count ? string.Empty : $", {(numbers.Count > 1 ? hop.Many : hop.One)} {string.Join(", ", numbers)}";
            Edge(from, group.Key, kind, label + which);
        }
    }

    private void DeadLetter(string from, DeliverySpec? delivery, string label)
    {
        if (delivery?.DeadLetterSink is { } sink)
        {
            Edge(from, sink, TopologyEdgeKind.DeadLetter, label);
        }
    }

    private void Edge(string from, Destination to, TopologyEdgeKind kind, string label) => Edge(from, Target(to), kind, label);

    private void Edge(string from, string target, TopologyEdgeKind kind, string label)
    {
        deliveredTo.Add(target);
        edges.Add(new(from, target, kind, label));
    }

    /// <summary>The node a destination names; a URI, or a ref to something these manifests do not hold, is an endpoint.</summary>
    private string Target(Destination destination)
    {
        if (destination.Ref is { } reference)
        {
            bool known = reference.Kind switch
            {
                ResourceKind.Broker => manifests.Brokers.ContainsKey(reference.Name),
                ResourceKind.Sequence => manifests.Sequences.ContainsKey(reference.Name),
                ResourceKind.Parallel => manifests.Parallels.ContainsKey(reference.Name),
                ResourceKind.Service => manifests.Services.ContainsKey(reference.Name),
                _ => false,
            };
            if (known)
            {
                return Id(Enum.Parse<TopologyNodeKind>(reference.Kind), reference.Name);
            }
        }

        string name = destination.ToString();
        string id = Id(TopologyNodeKind.Endpoint, name);
        if (!endpoints.Exists(e => e.Id == id))
        {
            string label = destination.Ref?.Kind ?? "URI";
            string[] note = destination.Ref switch
            {
                null => [],
                { } r when unread.Contains((r.Kind, r.Name)) => ["has errors"],
                _ => ["not in the manifests"],
            };
            endpoints.Add(new(id, TopologyNodeKind.Endpoint, label, destination.Ref?.Name ?? name, note));
        }

        return id;
    }
}
