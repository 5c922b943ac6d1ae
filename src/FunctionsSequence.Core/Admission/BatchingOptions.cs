namespace FunctionsSequence.Core.Admission;

/// <summary>
/// How events bound for the same Sequence or Trigger are grouped into one orchestration. A lone
/// event starts at once, alone, as it would without batching; only events that arrive while
/// <see cref="MaxInFlight"/> runs of that Sequence or Trigger are busy wait, and join the next run together.
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

        if (Lease <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Lease), Lease, "the lease must be positive");
        }

        return this;
    }
}
