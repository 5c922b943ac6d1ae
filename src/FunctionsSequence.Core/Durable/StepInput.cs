using FunctionsSequence.Core.Api;

namespace FunctionsSequence.Core.Durable;

/// <summary>Input of <see cref="TaskNames.RunStep"/>: one attempt at a hop for each event.</summary>
/// <param name="Hop">The Sequence step, Parallel filter or Parallel branch subscriber.</param>
/// <param name="Events">The events at that hop and attempt; a result comes back for each, in order.</param>
public sealed record StepInput(Hop Hop, IReadOnlyList<RunEvent> Events);
