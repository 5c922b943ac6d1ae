namespace FunctionsSequence.Functions.Hosting;

/// <summary>The app's settings (section <c>FunctionsSequence</c>; in app settings <c>FunctionsSequence__...</c>).</summary>
public sealed class AppOptions
{
    public const string Section = "FunctionsSequence";

    /// <summary>Manifest files or folders, separated by ';'. Default: the <c>manifests</c> folder shipped with the app.</summary>
    public string? Manifests { get; set; }

    /// <summary>Checkpoint mode of Sequences that do not choose one with their annotation: Step (default) or Sequence.</summary>
    public FunctionsSequence.Core.Api.CheckpointMode Checkpoint { get; set; } = FunctionsSequence.Core.Api.CheckpointMode.Step;

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
