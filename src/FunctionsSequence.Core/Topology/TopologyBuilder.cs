using FunctionsSequence.Core.Api;

namespace FunctionsSequence.Core.Topology;

/// <summary>
/// Builds the <see cref="TopologyGraph"/> of a <see cref="ManifestSet"/>. A Service used only as a
/// Sequence step is a line of that Sequence rather than a box of its own; one that events are
/// delivered to otherwise (a sink, subscriber, reply or dead-letter sink), or that nothing refers
/// to, is a box.
/// </summary>
internal sealed class TopologyBuilder
{
    private readonly ManifestSet manifests;
    private readonly List<TopologyEdge> edges = [];
    private readonly List<TopologyNode> endpoints = [];
    private readonly HashSet<string> deliveredTo = new(StringComparer.Ordinal);
    private readonly HashSet<string> steps = new(StringComparer.Ordinal);

    private TopologyBuilder(ManifestSet manifests) => this.manifests = manifests;

    public static TopologyGraph Build(ManifestSet manifests)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        return new TopologyBuilder(manifests).Build();
    }

    private static string Id(TopologyNodeKind kind, string name) => $"{kind.ToString().ToLowerInvariant()}/{name}";

    private TopologyGraph Build()
    {
        var nodes = new List<TopologyNode>();
        foreach (PingSourceResource source in manifests.Sources)
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

        foreach (TriggerResource trigger in manifests.Triggers)
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
            nodes.Add(new(id, TopologyNodeKind.Sequence, ResourceKind.Sequence, sequence.Name, [.. sequence.Steps.Select((step, i) => $"{i + 1}. {StepText(step.Destination)}")]));
            if (sequence.Reply is { } reply)
            {
                Edge(id, reply, TopologyEdgeKind.Reply, "reply");
            }

            // One arrow per dead-letter sink, naming the steps that use it.
            var stepsBySink = sequence.Steps
                .Select((step, i) => (Sink: step.Delivery?.DeadLetterSink, Step: i + 1))
                .Where(s => s.Sink is not null)
                .GroupBy(s => s.Sink!);
            foreach (var group in stepsBySink)
            {
                List<int> numbers = [.. group.Select(s => s.Step)];
                Edge(id, group.Key, TopologyEdgeKind.DeadLetter, $"dead letter, step{(numbers.Count > 1 ? "s" : "")} {string.Join(", ", numbers)}");
            }
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
        _ => service.Url?.ToString() ?? "HTTP",
    };

    private string StepText(Destination destination)
    {
        if (destination.Ref is { Kind: ResourceKind.Service } service && manifests.Services.ContainsKey(service.Name))
        {
            steps.Add(Id(TopologyNodeKind.Service, service.Name));
            return service.Name;
        }

        return destination.ToString();
    }

    private void DeadLetter(string from, DeliverySpec? delivery, string label)
    {
        if (delivery?.DeadLetterSink is { } sink)
        {
            Edge(from, sink, TopologyEdgeKind.DeadLetter, label);
        }
    }

    private void Edge(string from, Destination to, TopologyEdgeKind kind, string label)
    {
        string target = Target(to);
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
            endpoints.Add(new(id, TopologyNodeKind.Endpoint, label, destination.Ref?.Name ?? name, destination.Ref is null ? [] : ["not in the manifests"]));
        }

        return id;
    }
}
