namespace FunctionsSequence.Core.Admission;

/// <summary>
/// How events bound for the same Sequence or Trigger are grouped into one orchestration. By default
/// a lone event starts at once, alone, as it would without batching; only events that arrive while
/// <see cref="MaxInFlight"/> runs of that Sequence or Trigger are busy wait, and join the next run
/// together. A <see cref="MaxWait"/> makes events from outside wait up to that long for others.
/// </summary>
public sealed record BatchingOptions
{
    /// <summary>The most events in one run; 1 turns batching off (one orchestration per event).</summary>
    public int MaxEvents { get; init; } = 100;

    /// <summary>Runs of one Sequence or Trigger in flight before new events wait to share the next one.</summary>
    public int MaxInFlight { get; init; } = 4;

    /// <summary>
    /// How long a run counts as in flight when its end is not seen here (it ended on another
    /// instance of the app, or in a process that died), so a lost signal never stalls ingress.
    /// </summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an event from outside (ingress, Event Grid) may wait for others to share its run even
    /// when a slot is free: a run starts once its oldest event has waited this long or the target's
    /// last run started this long ago, and a full run at once. So a lone event after a quiet spell
    /// starts at once, and at a steady rate runs start about once per wait. Zero (the default): no
    /// gathering wait. Each run costs the engine the same storage transactions whatever it carries,
    /// so a wait trades up to that much latency, which the event's sender also waits before its
    /// answer, for fewer runs at moderate rates.
    /// </summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.Zero;

    /// <summary>The longest <see cref="MaxWait"/>: the sender is answered only once the run starts, and HTTP clients give up.</summary>
    public static TimeSpan LongestWait { get; } = TimeSpan.FromSeconds(10);

    /// <summary>Refuses values that cannot work, naming the setting.</summary>
    public BatchingOptions Validate()
    {
        if (MaxEvents < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxEvents), MaxEvents, "the largest batch must hold at least 1 event (1 turns batching off)");
        }

        if (MaxInFlight < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxInFlight), MaxInFlight, "at least 1 run per Sequence must be allowed in flight");
        }

        if (Lease <= TimeSpan.Zero || Lease > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(Lease), Lease, "the lease must be positive and at most a day");
        }

        if (MaxWait < TimeSpan.Zero || MaxWait > LongestWait)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxWait), MaxWait, $"the wait must be between 0 and {LongestWait.TotalSeconds:0} s: the sender is answered only once its run starts");
        }

        return this;
    }
}
