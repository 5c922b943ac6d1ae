namespace FunctionsSequence.Core.Durable;

/// <summary>What a run delivers its events to.</summary>
public enum RunKind
{
    /// <summary>A Sequence's steps (<see cref="TaskNames.SequenceOrchestrator"/>).</summary>
    Sequence,

    /// <summary>A Trigger's subscriber (<see cref="TaskNames.TriggerOrchestrator"/>).</summary>
    Trigger,

    /// <summary>A Parallel's branches (<see cref="TaskNames.ParallelOrchestrator"/>).</summary>
    Parallel,
}
