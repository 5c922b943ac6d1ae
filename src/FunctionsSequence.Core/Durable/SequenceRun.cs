namespace FunctionsSequence.Core.Durable;

/// <summary>
/// Input of <see cref="TaskNames.SequenceOrchestrator"/> and <see cref="TaskNames.RunSequence"/>:
/// one or more events for the same Sequence, each run on its own path through the steps.
/// </summary>
/// <param name="Sequence">The Sequence name.</param>
/// <param name="Events">The events (at least one).</param>
/// <param name="FirstStep">The step the events start at: 0, but for a redrive, which starts at the step that dead-lettered them.</param>
/// <param name="Run">The orchestration instance, set when it hands the run to <see cref="TaskNames.RunSequence"/>.</param>
public sealed record SequenceRun(string Sequence, IReadOnlyList<RunEvent> Events, int FirstStep = 0, string? Run = null);
