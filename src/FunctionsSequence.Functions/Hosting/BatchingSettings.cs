namespace FunctionsSequence.Functions.Hosting;

/// <summary>
/// Batching, per app instance. The lease is short by default: a run may end on another instance,
/// where this one cannot see it, and its slot must not stay taken for long.
/// </summary>
public sealed class BatchingSettings
{
    /// <summary>The most events one run carries; 1 turns batching off.</summary>
    public int MaxEvents { get; set; } = new FunctionsSequence.Core.Admission.BatchingOptions().MaxEvents;

    /// <summary>Runs of one Sequence or Trigger started by this instance and in flight before new events wait to share the next.</summary>
    public int MaxInFlight { get; set; } = new FunctionsSequence.Core.Admission.BatchingOptions().MaxInFlight;

    /// <summary>Seconds a run counts as in flight when its end is not seen by this instance.</summary>
    public double LeaseSeconds { get; set; } = 2;

    /// <summary>Milliseconds an event from outside may wait for others to share its run even when a slot is free (see <see cref="FunctionsSequence.Core.Admission.BatchingOptions.MaxWait"/>); 0 starts it at once.</summary>
    public int MaxWaitMilliseconds { get; set; }

    /// <summary>The Core options these settings stand for.</summary>
    public FunctionsSequence.Core.Admission.BatchingOptions ToOptions()
    {
        try
        {
            return new FunctionsSequence.Core.Admission.BatchingOptions
            {
                MaxEvents = MaxEvents,
                MaxInFlight = MaxInFlight,
                Lease = TimeSpan.FromSeconds(LeaseSeconds),
                MaxWait = TimeSpan.FromMilliseconds(MaxWaitMilliseconds),
            }.Validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            string setting = ex.ParamName switch
            {
                nameof(FunctionsSequence.Core.Admission.BatchingOptions.Lease) => nameof(LeaseSeconds),
                nameof(FunctionsSequence.Core.Admission.BatchingOptions.MaxWait) => nameof(MaxWaitMilliseconds),
                _ => ex.ParamName!,
            };
            throw new InvalidOperationException($"App setting {AppOptions.Section}__Batching__{setting} is invalid: {ex.Message}", ex);
        }
    }
}
