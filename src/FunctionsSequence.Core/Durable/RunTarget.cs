namespace FunctionsSequence.Core.Durable;

/// <summary>A Sequence or a Trigger that runs take events to: names its orchestrator and builds its runs' input.</summary>
/// <param name="Kind">Sequence or Trigger.</param>
/// <param name="Name">The resource's name.</param>
public sealed record RunTarget(RunKind Kind, string Name)
{
    /// <summary>The Sequence <paramref name="name"/>.</summary>
    public static RunTarget Sequence(string name) => new(RunKind.Sequence, name);

    /// <summary>The Trigger <paramref name="name"/>.</summary>
    public static RunTarget Trigger(string name) => new(RunKind.Trigger, name);

    /// <summary>The orchestrator a run of this target is.</summary>
    public string Orchestrator => Kind == RunKind.Sequence ? TaskNames.SequenceOrchestrator : TaskNames.TriggerOrchestrator;

    /// <summary>The orchestration input of a run carrying <paramref name="events"/>.</summary>
    public object Input(IReadOnlyList<RunEvent> events) =>
        Kind == RunKind.Sequence ? new SequenceRun(Name, events) : new TriggerRun(Name, events);

    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Name}";
}
