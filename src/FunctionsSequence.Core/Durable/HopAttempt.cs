namespace FunctionsSequence.Core.Durable;

/// <summary>One attempt at a hop of a run, for the events it concerned, as the run records it.</summary>
/// <param name="Hop">The hop as a person reads it: <c>step 0 (Service/first)</c>, <c>branch 1 filter (...)</c>, <c>subscriber (...)</c>.</param>
/// <param name="Attempt">Which attempt, from 1.</param>
/// <param name="At">When it started, on the run's clock (UTC).</param>
/// <param name="Took">How long it took, until its results came back.</param>
/// <param name="Events">The indexes, in the run's input, of the events it concerned; empty when it concerned every event of the run.</param>
public sealed record HopAttempt(string Hop, int Attempt, DateTime At, TimeSpan Took, IReadOnlyList<int> Events)
{
    /// <summary>The events whose attempt failed, and what became of them; the others succeeded.</summary>
    public IReadOnlyList<HopFailure> Failed { get; init; } = [];
}
