namespace FunctionsSequence.Core.Durable;

/// <summary>Input of <see cref="TaskNames.DeliverReply"/>: last outputs of a Sequence run, for its reply.</summary>
/// <param name="Sequence">The Sequence name.</param>
/// <param name="Events">The outputs, each with the hop counter of the event it came from.</param>
public sealed record ReplyInput(string Sequence, IReadOnlyList<RunEvent> Events);
