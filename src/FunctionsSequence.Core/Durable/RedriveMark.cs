namespace FunctionsSequence.Core.Durable;

/// <summary>
/// Marks an event a redrive sent back to a hop: which dead letter, and which redrive of it. A
/// dead letter of that event at that hop is then known to come from this redrive's run, not from
/// a replay of an earlier run.
/// </summary>
/// <param name="Record">The dead letter's id.</param>
/// <param name="Number">The redrive's number (1 for the first).</param>
public sealed record RedriveMark(string Record, int Number);
