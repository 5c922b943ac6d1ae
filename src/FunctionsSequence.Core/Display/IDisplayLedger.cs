namespace FunctionsSequence.Core.Display;

/// <summary>
/// Remembers what event-display has printed, so an activity that replays (at-least-once) does not
/// print the same event twice: effectively-once display. The key covers the whole event, so two
/// different events that share an id are both shown, as Knative's event_display would. A run's
/// events are checked and recorded together.
/// </summary>
public interface IDisplayLedger
{
    /// <summary>For each of <paramref name="keys"/>, in order, true when it was recorded already.</summary>
    ValueTask<IReadOnlyList<bool>> SeenAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>Records <paramref name="keys"/> (after their blocks were written).</summary>
    ValueTask RecordAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets the keys recorded longer ago than the ledger keeps them (no replay or redelivery
    /// comes that late), so the ledger follows the work of its retention rather than every event
    /// ever shown; returns how many. Hosts call it on their purge timer.
    /// </summary>
    Task<int> ForgetExpiredAsync(CancellationToken cancellationToken);
}
