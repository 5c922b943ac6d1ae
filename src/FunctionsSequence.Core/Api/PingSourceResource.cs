namespace FunctionsSequence.Core.Api;

/// <summary>
/// A PingSource, or the seed's CronJobSource: emits one event per cron tick to <see cref="Sink"/>.
/// </summary>
public sealed record PingSourceResource(
    ResourceMetadata Metadata,
    string Kind,
    string Schedule,
    string? TimeZone,
    string? ContentType,
    ReadOnlyMemory<byte>? Data,
    Destination Sink,
    IReadOnlyDictionary<string, string> ExtensionOverrides)
{
    /// <summary>The source name.</summary>
    public string Name => Metadata.Name;

    /// <summary>The CloudEvents <c>type</c> of the events this source emits.</summary>
    public string EventType => Kind == ResourceKind.CronJobSource ? "dev.knative.cronjob.event" : "dev.knative.sources.ping";

    /// <summary>The CloudEvents <c>source</c> of the events this source emits.</summary>
    public string EventSource =>
        $"/apis/v1/namespaces/{Metadata.Namespace}/{(Kind == ResourceKind.CronJobSource ? "cronjobsources" : "pingsources")}/{Metadata.Name}";
}
