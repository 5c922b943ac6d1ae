namespace FunctionsSequence.Functions.Hosting;

/// <summary>The app's settings (section <c>FunctionsSequence</c>; in app settings <c>FunctionsSequence__...</c>).</summary>
public sealed class AppOptions
{
    public const string Section = "FunctionsSequence";

    /// <summary>Manifest files or folders, separated by ';'. Default: the <c>manifests</c> folder shipped with the app.</summary>
    public string? Manifests { get; set; }

    /// <summary>Checkpoint mode of Sequences that do not choose one with their annotation: Step (default) or Sequence.</summary>
    public FunctionsSequence.Core.Api.CheckpointMode Checkpoint { get; set; } = FunctionsSequence.Core.Api.CheckpointMode.Step;

    /// <summary>How events bound for a busy Sequence or Trigger share runs (<c>FunctionsSequence__Batching__MaxEvents</c>, ...).</summary>
    public BatchingSettings Batching { get; } = new();

    /// <summary>Events in flight on this instance above which ingress answers 429 with Retry-After (<c>FunctionsSequence__MaxInFlight</c>).</summary>
    public int MaxInFlight { get; set; } = 2000;

    /// <summary>Hours a repeated event (same target, source and id) is recognised and not run again (<c>FunctionsSequence__DedupWindowHours</c>).</summary>
    public double DedupWindowHours { get; set; } = 24;

    /// <summary>
    /// Hours a completed run stays in the task hub for inspection before <c>PurgeTimer</c> removes it
    /// (<c>FunctionsSequence__KeepRunsHours</c>; failed runs stay); unset, the dedup window and an hour.
    /// At least the dedup window: an admission whose confirmation was lost is settled by its run.
    /// </summary>
    public double? KeepRunsHours { get; set; }

    /// <summary>Brokers backed by an Event Grid topic, by Broker name. A Broker not listed is routed in-process.</summary>
    public Dictionary<string, BrokerTopicOptions> Brokers { get; } = new(StringComparer.Ordinal);
}

/// <summary>Where a Broker's Event Grid topic is, and how to authenticate to it.</summary>
public sealed class BrokerTopicOptions
{
    /// <summary>The topic endpoint, e.g. <c>https://mytopic.westeurope-1.eventgrid.azure.net/api/events</c>.</summary>
    public Uri? TopicEndpoint { get; set; }

    /// <summary>
    /// The name of the app setting that holds an access key, for topics that still use keys (e.g. a
    /// Key Vault reference). Leave empty to use the app's managed identity, which is the default.
    /// </summary>
    public string? KeySetting { get; set; }
}

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

    /// <summary>Milliseconds an event from outside waits for others to share its run even when a slot is free; 0 starts it at once.</summary>
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
