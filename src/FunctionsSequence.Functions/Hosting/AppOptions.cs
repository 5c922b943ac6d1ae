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
