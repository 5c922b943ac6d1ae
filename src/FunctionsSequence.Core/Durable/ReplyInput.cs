using FunctionsSequence.Core.Api;

namespace FunctionsSequence.Core.Durable;

/// <summary>Input of <see cref="TaskNames.DeliverReply"/>: the answers of a flow's last hop, for its reply (<see cref="ManifestSet.ReplyOf"/>).</summary>
/// <param name="From">The hop that answered: a Sequence's last step, a Parallel branch's subscriber.</param>
/// <param name="Events">The answers, each with the hop counter of the event it came from.</param>
public sealed record ReplyInput(Hop From, IReadOnlyList<RunEvent> Events);
