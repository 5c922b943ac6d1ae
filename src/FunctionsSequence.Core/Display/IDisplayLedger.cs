namespace FunctionsSequence.Core.Display;

/// <summary>
/// Remembers what event-display has printed, so an activity that replays (at-least-once) does not
/// print the same event twice: effectively-once display. The key covers the whole event, so two
/// different events that share an id are both shown, as Knative's event_display would. A display
/// claims an event before printing it and records it after, so two copies that come at once, to one
/// process or to two, print once. A run's events are claimed and recorded together.
/// </summary>
public interface IDisplayLedger
{
    /// <summary>
    /// Claims <paramref name="keys"/> (distinct) for printing. For each, in order: <see cref="DisplayClaim.Claimed"/>
    /// where this call now holds it, <see cref="DisplayClaim.Printed"/> where it was recorded already,
    /// <see cref="DisplayClaim.Held"/> where another process holds a claim younger than the ledger's
    /// lease. A claim left unrecorded longer than that (its holder died or stalled before printing) is
    /// taken over, and so is one this ledger made itself: a process never passes a key to two calls
    /// at once (<see cref="Steps.DisplayStep"/> shows a key in one call at a time), so its own claim
    /// found unrecorded was left by an attempt that failed.
    /// </summary>
    ValueTask<IReadOnlyList<DisplayClaim>> ClaimAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>Records <paramref name="keys"/> (after their blocks were written).</summary>
    ValueTask RecordAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets the keys recorded longer ago than the ledger keeps them (no replay or redelivery
    /// comes that late), so the ledger follows the work of its retention rather than every event
    /// ever shown; returns how many. Hosts call it on their purge timer.
    /// </summary>
    Task<int> ForgetExpiredAsync(CancellationToken cancellationToken);
}
