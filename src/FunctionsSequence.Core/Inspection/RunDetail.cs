namespace FunctionsSequence.Core.Inspection;

/// <summary>A run with the path of each of its events.</summary>
/// <param name="Run">The run.</param>
/// <param name="Events">Its events, in input order, each with its hops.</param>
/// <param name="Dropped">Attempts its record left out to stay within its bound.</param>
public sealed record RunDetail(RunSummary Run, IReadOnlyList<EventPath> Events, int Dropped);
