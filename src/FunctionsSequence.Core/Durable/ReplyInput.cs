using FunctionsSequence.Core.Api;

namespace FunctionsSequence.Core.Durable;

/// <summary>Input of <see cref="TaskNames.DeliverReply"/>: the answers of a flow's last hop, for its reply (<see cref="ManifestSet.ReplyOf"/>).</summary>
/// <param name="From">The hop that answered: a Sequence's last step, a Parallel branch's subscriber.</param>
/// <param name="Events">The answers, each with the hop counter of the event it came from.</param>
/// <param name="Run">The run (orchestration instance) the hop is in, set as the activity is called: what its events are handed over from.</param>
/// <param name="Attempted">The tries the hop's own activity already made at this reply (<see cref="Delivery.DeliveryResult.ReplyAttempts"/>), counted in its failure.</param>
/// <param name="Refused">
/// Beside <paramref name="Events"/>, one per event: the refusal Knative does not retry that the hop's own try met
/// (<see cref="Delivery.DeliveryResult.ReplyGivenUp"/>), not sent again but named in the failure; null for an event to try.
/// Null when none was refused.
/// </param>
/// <param name="Answered">The hop's answers for the reply in all, those its own try delivered included, for the failure's count; 0 in an input written by an earlier build, whose count is then <paramref name="Events"/>'.</param>
/// <param name="DeadLetters">
/// True when the run sends what the reply gives up to the hop's dead-letter sink: the activity then returns it
/// (<c>ReplyOutcome</c>) rather than failing. The run sets it, so that its history, not the manifests of the day, says which.
/// </param>
public sealed record ReplyInput(Hop From, IReadOnlyList<RunEvent> Events, string? Run = null, int Attempted = 0, IReadOnlyList<string?>? Refused = null, int Answered = 0, bool DeadLetters = false)
{
    /// <summary>The reply as the events it hands over know it: the same flow's reply from two runs is two deliveries.</summary>
    public string? Via => Runs.Via(From.Replier, Run);
}
