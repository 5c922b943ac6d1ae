namespace FunctionsSequence.Core.Durable;

/// <summary>Input of <see cref="TaskNames.ParallelOrchestrator"/>: one or more events for the same Parallel, each sent down every branch.</summary>
/// <param name="Parallel">The Parallel name.</param>
/// <param name="Events">The events (at least one).</param>
/// <param name="Branch">Null: every branch. A redrive names the branch whose subscriber dead-lettered the events; they go to that subscriber alone, its filter having passed them.</param>
public sealed record ParallelRun(string Parallel, IReadOnlyList<RunEvent> Events, int? Branch = null);
