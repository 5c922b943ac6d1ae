namespace FunctionsSequence.Core.Api;

/// <summary>The validated resources of one or more manifest files, looked up by name.</summary>
public sealed class ManifestSet
{
    /// <summary>Creates a set from validated resources.</summary>
    public ManifestSet(
        IEnumerable<SequenceResource> sequences,
        IEnumerable<BrokerResource> brokers,
        IEnumerable<TriggerResource> triggers,
        IEnumerable<PingSourceResource> sources,
        IEnumerable<ServiceResource> services)
    {
        Sequences = sequences.ToDictionary(s => s.Name, StringComparer.Ordinal);
        Brokers = brokers.ToDictionary(b => b.Name, StringComparer.Ordinal);
        Triggers = triggers.ToList();
        Sources = sources.ToList();
        Services = services.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    /// <summary>Sequences by name.</summary>
    public IReadOnlyDictionary<string, SequenceResource> Sequences { get; }

    /// <summary>Brokers by name, including the implied <c>default</c> Broker.</summary>
    public IReadOnlyDictionary<string, BrokerResource> Brokers { get; }

    /// <summary>Triggers in manifest order.</summary>
    public IReadOnlyList<TriggerResource> Triggers { get; }

    /// <summary>PingSources and CronJobSources in manifest order.</summary>
    public IReadOnlyList<PingSourceResource> Sources { get; }

    /// <summary>Services by name.</summary>
    public IReadOnlyDictionary<string, ServiceResource> Services { get; }

    /// <summary>The Triggers of one Broker, in manifest order.</summary>
    public IEnumerable<TriggerResource> TriggersOf(string broker) => Triggers.Where(t => t.Broker == broker);

    /// <summary>The Trigger with this name, or null.</summary>
    public TriggerResource? FindTrigger(string name) => Triggers.FirstOrDefault(t => t.Name == name);

    /// <summary>The Sequence <paramref name="name"/>; running work names only Sequences of these manifests, so a miss is a bug or a changed deployment.</summary>
    public SequenceResource RequireSequence(string name) =>
        Sequences.TryGetValue(name, out SequenceResource? sequence)
            ? sequence
            : throw new InvalidOperationException($"Sequence '{name}' is not in the manifests this app runs");

    /// <summary>The Trigger <paramref name="name"/>, as <see cref="RequireSequence"/>.</summary>
    public TriggerResource RequireTrigger(string name) =>
        FindTrigger(name) ?? throw new InvalidOperationException($"Trigger '{name}' is not in the manifests this app runs");

    /// <summary>How a Trigger delivers: its own <c>delivery</c>, completed by its Broker's.</summary>
    public DeliverySpec? DeliveryOf(TriggerResource trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return DeliverySpec.Merge(trigger.Delivery, Brokers.GetValueOrDefault(trigger.Broker)?.Delivery);
    }
}
