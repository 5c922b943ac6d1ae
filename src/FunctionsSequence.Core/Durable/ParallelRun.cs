namespace FunctionsSequence.Core.Durable;

/// <summary>Input of <see cref="TaskNames.ParallelOrchestrator"/>: one or more events for the same Parallel, each sent down every branch.</summary>
/// <param name="Parallel">The Parallel name.</param>
/// <param name="Events">The events (at least one).</param>
public sealed record ParallelRun(string Parallel, IReadOnlyList<RunEvent> Events);
