namespace FunctionsSequence.Core.Api;

/// <summary>The Knative kinds the loader understands.</summary>
public static class ResourceKind
{
    /// <summary>flows.knative.dev Sequence (messaging.knative.dev in v1alpha1).</summary>
    public const string Sequence = "Sequence";

    /// <summary>flows.knative.dev Parallel (messaging.knative.dev in v1alpha1).</summary>
    public const string Parallel = "Parallel";

    /// <summary>eventing.knative.dev Broker.</summary>
    public const string Broker = "Broker";

    /// <summary>eventing.knative.dev Trigger.</summary>
    public const string Trigger = "Trigger";

    /// <summary>sources.knative.dev PingSource.</summary>
    public const string PingSource = "PingSource";

    /// <summary>The seed's sources.eventing.knative.dev CronJobSource.</summary>
    public const string CronJobSource = "CronJobSource";

    /// <summary>serving.knative.dev Service.</summary>
    public const string Service = "Service";

    /// <summary>The apiVersions accepted for each kind: every version Knative served it in, from the seed's v1alpha1 to today's v1.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ApiVersions = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [Sequence] = ["flows.knative.dev/v1", "flows.knative.dev/v1beta1", "flows.knative.dev/v1alpha1", "messaging.knative.dev/v1alpha1"],
        [Parallel] = ["flows.knative.dev/v1", "flows.knative.dev/v1beta1", "flows.knative.dev/v1alpha1", "messaging.knative.dev/v1alpha1"],
        [Broker] = ["eventing.knative.dev/v1", "eventing.knative.dev/v1beta1", "eventing.knative.dev/v1alpha1"],
        [Trigger] = ["eventing.knative.dev/v1", "eventing.knative.dev/v1beta1", "eventing.knative.dev/v1alpha1"],
        [PingSource] = ["sources.knative.dev/v1", "sources.knative.dev/v1beta2", "sources.knative.dev/v1beta1", "sources.knative.dev/v1alpha2", "sources.knative.dev/v1alpha1", "sources.eventing.knative.dev/v1alpha1"],
        [CronJobSource] = ["sources.eventing.knative.dev/v1alpha1"],
        [Service] = ["serving.knative.dev/v1", "serving.knative.dev/v1beta1", "serving.knative.dev/v1alpha1"],
    };
}
