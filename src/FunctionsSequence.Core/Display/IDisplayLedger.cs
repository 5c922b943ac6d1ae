namespace FunctionsSequence.Core.Display;

/// <summary>
/// Remembers what event-display has printed, so an activity that replays (at-least-once) does not
/// print the same event twice: effectively-once display. The key covers the whole event, so two
/// different events that share an id are both shown, as Knative's event_display would.
/// </summary>
public interface IDisplayLedger
{
    /// <summary>True when <paramref name="key"/> was recorded already.</summary>
    ValueTask<bool> SeenAsync(string key, CancellationToken cancellationToken);

    /// <summary>Records <paramref name="key"/> (after the block was written).</summary>
    ValueTask RecordAsync(string key, CancellationToken cancellationToken);
}
