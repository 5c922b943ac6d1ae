using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>
/// Knative kinds this runtime does not run: an error that names the kind as Knative's and says what to
/// use instead, where "unknown kind" would read as a typo; an EventType, which only catalogues event
/// types, and a Broker class's config object are left out with a warning, as a Kubernetes object with nothing to run is.
/// </summary>
internal static class KnativeKindsNotRun
{
    private const string Channel =
        "fseq runs no channel of its own: a Sequence's or Parallel's events travel between its steps through the durable backend (its channelTemplate sets their delivery), and a Broker with Triggers fans events out";

    private const string Sink = "fseq runs no sink of Knative's: a Service (a container or an in-app step) can be the sink";

    private const string ServicePart = "it is a part of a Knative Service: write the Service (serving.knative.dev/v1), which is what runs here";

    private static readonly Dictionary<string, string> Advice = new(StringComparer.Ordinal)
    {
        ["SinkBinding"] = "a SinkBinding gives a workload its sink's address (K_SINK); fseq does not run it: give your workload the sink's route as its address",
        ["Channel"] = Channel,
        ["InMemoryChannel"] = Channel,
        ["KafkaChannel"] = Channel,
        ["Subscription"] = "a Subscription subscribes to a channel, which fseq does not run: use a Trigger on a Broker, or a Sequence",
        ["DomainMapping"] = "a DomainMapping gives a Service another domain; fseq does not run it: a Service is reached at its route",
        ["EventTransform"] = "fseq does not run it: a Sequence step (a Service, or an in-app step) can transform the event",
        ["RequestReply"] = "fseq does not run it: a Service called as a Sequence's step answers the event it is sent",
        ["Route"] = ServicePart,
        ["Configuration"] = ServicePart,
        ["Revision"] = ServicePart,
        ["EventPolicy"] = "an EventPolicy limits who may send to a Broker or a flow, which fseq does not enforce (in Azure its routes need a function key): leave it out",
    };

    /// <summary>
    /// Reports <paramref name="doc"/> when it is a Knative kind that is not run here, and returns true;
    /// false for any other kind.
    /// </summary>
    public static bool TryReport(ManifestDocument doc)
    {
        string group = doc.ApiVersion.Split('/')[0];
        if (group != "knative.dev" && !group.EndsWith(".knative.dev", StringComparison.Ordinal))
        {
            return false;
        }

        YamlNode? kind = YamlNodeReader.Child(doc.Root, "kind");
        if (doc.Kind == "EventType")
        {
            doc.Reader.Warning(kind, "kind", "an EventType only catalogues event types (Knative's event registry): nothing to run here; it is left out");
            return true;
        }

        // RabbitmqBrokerConfig and its like: what a Broker class's spec.config names, which the Broker's own warning says does not apply.
        if (doc.Kind.EndsWith("BrokerConfig", StringComparison.Ordinal))
        {
            doc.Reader.Warning(kind, "kind", $"a {doc.Kind} configures a Broker class that fseq does not run (a Broker here is in-process, or an Event Grid topic in Azure): nothing to run; it is left out");
            return true;
        }

        // A *Source or *Sink (KafkaSink, JobSink...) of Knative's groups, unless it is a typo of a kind run here (PinSource).
        bool typo = Spelling.Suggest(doc.Kind, ResourceKind.ApiVersions.Keys) is not null;
        string? advice = Advice.GetValueOrDefault(doc.Kind)
            ?? (typo ? null
                : doc.Kind.EndsWith("Source", StringComparison.Ordinal) ? "fseq runs PingSource (and CronJobSource) only: send this source's events to its sink over HTTP (fseq send, or a POST of a CloudEvent to the sink's route)"
                : doc.Kind.EndsWith("Sink", StringComparison.Ordinal) ? Sink
                : null);
        if (advice is null)
        {
            return false;
        }

        doc.Reader.Error(kind, "kind", $"'{doc.Kind}' is a Knative kind fseq does not run; {advice}");
        return true;
    }
}
