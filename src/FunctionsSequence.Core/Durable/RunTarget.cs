using FunctionsSequence.Core.Api;

namespace FunctionsSequence.Core.Durable;

/// <summary>A Sequence, Parallel or Trigger that runs take events to: names its orchestrator and builds its runs' input.</summary>
/// <param name="Kind">Sequence, Parallel or Trigger.</param>
/// <param name="Name">The resource's name.</param>
public sealed record RunTarget(RunKind Kind, string Name)
{
    /// <summary>The Sequence <paramref name="name"/>.</summary>
    public static RunTarget Sequence(string name) => new(RunKind.Sequence, name);

    /// <summary>The Parallel <paramref name="name"/>.</summary>
    public static RunTarget Parallel(string name) => new(RunKind.Parallel, name);

    /// <summary>The Trigger <paramref name="name"/>.</summary>
    public static RunTarget Trigger(string name) => new(RunKind.Trigger, name);

    /// <summary>The flow <paramref name="destination"/> names (a Sequence or a Parallel), whose runs events sent there start; null for anything else.</summary>
    public static RunTarget? Of(Destination destination) => destination?.Ref switch
    {
        { Kind: ResourceKind.Sequence } sequence => Sequence(sequence.Name),
        { Kind: ResourceKind.Parallel } parallel => Parallel(parallel.Name),
        _ => null,
    };

    /// <summary>
    /// Whether <paramref name="destination"/> takes an event over rather than answering it: a Sequence or Parallel
    /// (its run takes it, as a Knative channel answering 202) or a Broker (it answers no event, as Knative's broker ingress answers 202).
    /// </summary>
    public static bool TakesOver(Destination destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return Of(destination) is not null || destination.Ref is { Kind: ResourceKind.Broker };
    }

    /// <summary>The orchestrator a run of this target is.</summary>
    public string Orchestrator => Kind switch
    {
        RunKind.Sequence => TaskNames.SequenceOrchestrator,
        RunKind.Parallel => TaskNames.ParallelOrchestrator,
        _ => TaskNames.TriggerOrchestrator,
    };

    /// <summary>The short kind that starts this target's instance ids and ledger partitions: <c>seq</c>, <c>par</c>, <c>trg</c>.</summary>
    public string Prefix => Kind switch
    {
        RunKind.Sequence => "seq",
        RunKind.Parallel => "par",
        _ => "trg",
    };

    /// <summary>The orchestration input of a run carrying <paramref name="events"/>, from the flow's start or, for a redrive, from <paramref name="resumeAt"/>.</summary>
    public object Input(IReadOnlyList<RunEvent> events, Hop? resumeAt = null) => Kind switch
    {
        RunKind.Sequence => new SequenceRun(Name, events, resumeAt?.Index ?? 0),
        RunKind.Parallel => new ParallelRun(Name, events, resumeAt?.Index),
        _ => new TriggerRun(Name, events),
    };

    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Name}";
}
