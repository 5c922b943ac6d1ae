namespace FunctionsSequence.Core.Api;

/// <summary>The validated resources of one or more manifest files, looked up by name.</summary>
public sealed class ManifestSet
{
    /// <summary>Creates a set from validated resources.</summary>
    public ManifestSet(
        IEnumerable<SequenceResource> sequences,
        IEnumerable<ParallelResource> parallels,
        IEnumerable<BrokerResource> brokers,
        IEnumerable<TriggerResource> triggers,
        IEnumerable<PingSourceResource> sources,
        IEnumerable<ServiceResource> services)
    {
        Sequences = sequences.ToDictionary(s => s.Name, StringComparer.Ordinal);
        Parallels = parallels.ToDictionary(p => p.Name, StringComparer.Ordinal);
        Brokers = brokers.ToDictionary(b => b.Name, StringComparer.Ordinal);
        Triggers = triggers.ToList();
        Sources = sources.ToList();
        Services = services.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    /// <summary>Sequences by name.</summary>
    public IReadOnlyDictionary<string, SequenceResource> Sequences { get; }

    /// <summary>Parallels by name.</summary>
    public IReadOnlyDictionary<string, ParallelResource> Parallels { get; }

    /// <summary>Brokers by name, including the implied <c>default</c> Broker.</summary>
    public IReadOnlyDictionary<string, BrokerResource> Brokers { get; }

    /// <summary>Triggers in manifest order.</summary>
    public IReadOnlyList<TriggerResource> Triggers { get; }

    /// <summary>PingSources and CronJobSources in manifest order.</summary>
    public IReadOnlyList<PingSourceResource> Sources { get; }

    /// <summary>Services by name.</summary>
    public IReadOnlyDictionary<string, ServiceResource> Services { get; }

    /// <summary>True when the set holds no resource at all.</summary>
    public bool IsEmpty => Sequences.Count + Parallels.Count + Brokers.Count + Triggers.Count + Sources.Count + Services.Count == 0;

    /// <summary>The Triggers of one Broker, in manifest order.</summary>
    public IEnumerable<TriggerResource> TriggersOf(string broker) => Triggers.Where(t => t.Broker == broker);

    /// <summary>The Trigger with this name, or null.</summary>
    public TriggerResource? FindTrigger(string name) => Triggers.FirstOrDefault(t => t.Name == name);

    /// <summary>
    /// What the set holds, as <c>fseq</c> reports it: <c>2 Sequence(s), 0 Parallel(s), 1 Broker(s), ...</c>; a
    /// Broker no manifest declares is said to be implied, as Knative would have it only from a namespace label.
    /// </summary>
    public string Summary =>
        $"{Sequences.Count} Sequence(s), {Parallels.Count} Parallel(s), {Brokers.Count} Broker(s), {Triggers.Count} Trigger(s), {Sources.Count} source(s), {Services.Count} Service(s){ImpliedBroker}";

    private string ImpliedBroker => Brokers.Values.Any(b => b.Implied)
        ? $"; Broker '{BrokerResource.DefaultName}' is implied, not declared: Knative's sugar controller makes it for a Namespace or Trigger marked eventing.knative.dev/injection: enabled"
        : string.Empty;

    /// <summary>The Sequence <paramref name="name"/>; running work names only Sequences of these manifests, so a miss is a bug or a changed deployment.</summary>
    public SequenceResource RequireSequence(string name) =>
        Sequences.TryGetValue(name, out SequenceResource? sequence)
            ? sequence
            : throw new InvalidOperationException($"Sequence '{name}' is not in the manifests this app runs");

    /// <summary>The Parallel <paramref name="name"/>, as <see cref="RequireSequence"/>.</summary>
    public ParallelResource RequireParallel(string name) =>
        Parallels.TryGetValue(name, out ParallelResource? parallel)
            ? parallel
            : throw new InvalidOperationException($"Parallel '{name}' is not in the manifests this app runs");

    /// <summary>The Trigger <paramref name="name"/>, as <see cref="RequireSequence"/>.</summary>
    public TriggerResource RequireTrigger(string name) =>
        FindTrigger(name) ?? throw new InvalidOperationException($"Trigger '{name}' is not in the manifests this app runs");

    /// <summary>How a Trigger delivers: its own <c>delivery</c> resolved with its Broker's (<see cref="DeliverySpec.Resolve"/>).</summary>
    public DeliverySpec? DeliveryOf(TriggerResource trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return DeliverySpec.Resolve(trigger.Delivery, Brokers.GetValueOrDefault(trigger.Broker)?.Delivery);
    }

    /// <summary>How run records and logs name <paramref name="hop"/>: its label and where it sends, <c>step 1 (Service/appender)</c>.</summary>
    public string Describe(Hop hop) => $"{hop.Label} ({DestinationOf(hop)})";

    /// <summary>Where <paramref name="hop"/> sends its events.</summary>
    public Destination DestinationOf(Hop hop)
    {
        ArgumentNullException.ThrowIfNull(hop);
        return hop switch
        {
            { Kind: ResourceKind.Sequence } => RequireSequence(hop.Name).Steps[hop.Index].Destination,
            { Kind: ResourceKind.Parallel, Role: HopRole.Filter } => RequireParallel(hop.Name).Branches[hop.Index].Filter
                ?? throw new InvalidOperationException($"{hop} is not set"),
            { Kind: ResourceKind.Parallel } => RequireParallel(hop.Name).Branches[hop.Index].Subscriber,
            _ => RequireTrigger(hop.Name).Subscriber,
        };
    }

    /// <summary>
    /// How <paramref name="hop"/> delivers: its retries, timeout and dead-letter sink (a filter's are its branch's), and
    /// its format, which a filter does not take: Knative's filter subscription carries no delivery.
    /// </summary>
    public DeliverySpec? DeliveryOf(Hop hop)
    {
        ArgumentNullException.ThrowIfNull(hop);
        return hop switch
        {
            { Kind: ResourceKind.Sequence } => RequireSequence(hop.Name).Steps[hop.Index].Delivery,
            { Kind: ResourceKind.Parallel, Role: HopRole.Filter } => RequireParallel(hop.Name).Branches[hop.Index].FilterDelivery is { } channel ? channel with { Format = null } : null,
            { Kind: ResourceKind.Parallel } => RequireParallel(hop.Name).Branches[hop.Index].Delivery,
            _ => DeliveryOf(RequireTrigger(hop.Name)),
        };
    }

    /// <summary>Where the answers of <paramref name="hop"/>, the last hop of its flow, go: the Sequence's reply, the branch's else the Parallel's; null for none.</summary>
    public Destination? ReplyOf(Hop hop)
    {
        ArgumentNullException.ThrowIfNull(hop);
        switch (hop.Kind)
        {
            case ResourceKind.Sequence:
                return RequireSequence(hop.Name).Reply;
            case ResourceKind.Parallel:
                ParallelResource parallel = RequireParallel(hop.Name);
                return parallel.Branches[hop.Index].Reply ?? parallel.Reply;
            default:
                return null;
        }
    }

    /// <summary>
    /// Whether the answers of <paramref name="hop"/> go nowhere: a Sequence's last step, or a Parallel branch's subscriber,
    /// with no reply. Knative's dispatcher then reads no answer at all; a Trigger's subscriber's always goes to its Broker.
    /// </summary>
    public bool AnswersGoNowhere(Hop hop)
    {
        ArgumentNullException.ThrowIfNull(hop);
        return hop switch
        {
            { Kind: ResourceKind.Sequence } => hop.Index == RequireSequence(hop.Name).Steps.Count - 1 && ReplyOf(hop) is null,
            { Kind: ResourceKind.Parallel, Role: HopRole.Subscriber } => ReplyOf(hop) is null,
            _ => false,
        };
    }
}
