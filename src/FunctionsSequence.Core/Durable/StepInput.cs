using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Durable;

/// <summary>Input of <see cref="TaskNames.RunStep"/>: one attempt at step <paramref name="Step"/> for each event.</summary>
/// <param name="Sequence">The Sequence name.</param>
/// <param name="Step">The step's index.</param>
/// <param name="Events">The events at that step and attempt; a result comes back for each, in order.</param>
public sealed record StepInput(string Sequence, int Step, IReadOnlyList<StructuredEvent> Events);
