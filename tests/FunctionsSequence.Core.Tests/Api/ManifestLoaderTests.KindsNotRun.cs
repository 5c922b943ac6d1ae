using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>
/// Knative kinds this runtime does not run: refused as Knative's, saying what to use instead, not as an
/// unknown kind (which reads as a typo); an EventType, a catalogue entry, is left out with a warning.
/// </summary>
public sealed partial class ManifestLoaderTests
{
    [Theory]
    [InlineData("sources.knative.dev/v1", "ApiServerSource", "fseq runs PingSource (and CronJobSource) only")]
    [InlineData("sources.knative.dev/v1beta1", "KafkaSource", "fseq runs PingSource (and CronJobSource) only")]
    [InlineData("sources.knative.dev/v1", "SinkBinding", "give your workload the sink's route as its address")]
    [InlineData("messaging.knative.dev/v1", "InMemoryChannel", "fseq runs no channel of its own")]
    [InlineData("messaging.knative.dev/v1", "Subscription", "use a Trigger on a Broker, or a Sequence")]
    [InlineData("sinks.knative.dev/v1alpha1", "JobSink", "a Service (a container or an in-app step) can be the sink")]
    [InlineData("eventing.knative.dev/v1alpha1", "KafkaSink", "a Service (a container or an in-app step) can be the sink")]
    [InlineData("eventing.knative.dev/v1alpha1", "EventTransform", "a Sequence step (a Service, or an in-app step) can transform the event")]
    [InlineData("serving.knative.dev/v1", "Route", "write the Service (serving.knative.dev/v1)")]
    public void A_knative_kind_not_run_here_is_refused_as_knatives_saying_what_to_use(string apiVersion, string kind, string instead)
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load($$"""
            apiVersion: {{apiVersion}}
            kind: {{kind}}
            metadata: { name: x }
            spec: {}
            """));

        Assert.Equal(("kind", 2), (error.Field, error.Location.Line));
        Assert.StartsWith($"'{kind}' is a Knative kind fseq does not run; ", error.Message, StringComparison.Ordinal);
        Assert.Contains(instead, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sources.knative.dev/v1", "PinSource", "unknown kind 'PinSource'; did you mean 'PingSource'?")] // a typo, not a source of Knative's
    [InlineData("example.com/v1", "ApiServerSource", "unknown kind 'ApiServerSource'")] // not Knative's group
    [InlineData("notknative.dev/v1", "ApiServerSource", "unknown kind 'ApiServerSource'")]
    public void A_typo_or_another_groups_kind_is_still_unknown(string apiVersion, string kind, string message)
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load($$"""
            apiVersion: {{apiVersion}}
            kind: {{kind}}
            metadata: { name: x }
            """));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_type_is_left_out_with_a_warning_and_the_rest_runs()
    {
        ManifestLoadResult result = Manifests.Load(Manifests.OneStepSequence() + """
            ---
            apiVersion: eventing.knative.dev/v1beta2
            kind: EventType
            metadata: { name: ping-type }
            spec: { type: dev.knative.sources.ping, reference: { apiVersion: eventing.knative.dev/v1, kind: Broker, name: default } }
            """);

        ManifestDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, "kind"), (warning.Severity, warning.Field));
        Assert.Contains("only catalogues event types", warning.Message, StringComparison.Ordinal);
        Assert.Single(result.EnsureValid().Sequences);
    }

    [Fact] // knative/docs' RabbitMQ Broker: the Broker names its class's config object
    public void A_broker_class_config_object_is_left_out_with_a_warning_and_the_broker_runs()
    {
        ManifestLoadResult result = Manifests.Load("""
            apiVersion: eventing.knative.dev/v1alpha1
            kind: RabbitmqBrokerConfig
            metadata: { name: my-config }
            spec: { rabbitmqClusterReference: { name: my-cluster }, queueType: quorum }
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Broker
            metadata:
              name: my-broker
              annotations: { eventing.knative.dev/broker.class: RabbitMQBroker }
            spec:
              config: { apiVersion: eventing.knative.dev/v1alpha1, kind: RabbitmqBrokerConfig, name: my-config }
            """);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        ManifestDiagnostic config = Assert.Single(result.Diagnostics, d => d.Location.Line == 2);
        Assert.Equal((DiagnosticSeverity.Warning, "kind"), (config.Severity, config.Field));
        Assert.StartsWith("a RabbitmqBrokerConfig configures a Broker class that fseq does not run", config.Message, StringComparison.Ordinal);
        Assert.True(result.EnsureValid().Brokers.ContainsKey("my-broker"));
    }

    [Theory] // knative/docs' broker-configuration: config-br-defaults sets the delivery of Brokers that write none
    [InlineData("config-br-defaults", "; write the delivery on the Broker")]
    [InlineData("config-features", "which fseq does not read")]
    [InlineData("config-autoscaler", "which fseq does not read", "knative-serving")] // knative/docs' bookstore sample
    public void A_knative_eventing_config_map_is_warned_about_as_not_read(string name, string ending, string ns = "knative-eventing")
    {
        ManifestLoadResult result = Manifests.Load(Manifests.OneStepSequence() + $$"""
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: { name: {{name}}, namespace: {{ns}} }
            data:
              default-br-config: |
                clusterDefault:
                  delivery: { retry: 1 }
            """);

        ManifestDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, "metadata.name"), (warning.Severity, warning.Field));
        Assert.StartsWith($"ConfigMap '{name}' in namespace {ns} configures Knative's own components", warning.Message, StringComparison.Ordinal);
        Assert.EndsWith(ending, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_uri_beside_a_ref_is_the_refs_own_address_as_in_knative()
    {
        Destination step = StepOf(StepTo("{ ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: api }, uri: \"\" }"));

        Assert.Equal(("Service/api", null), (step.Ref!.ToString(), step.Uri));
    }
}
