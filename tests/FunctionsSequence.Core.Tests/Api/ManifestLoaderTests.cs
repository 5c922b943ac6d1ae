using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

public sealed partial class ManifestLoaderTests
{
    [Theory]
    [InlineData("1-direct", 1, 0, 0)]
    [InlineData("2-reply-display", 1, 0, 0)]
    [InlineData("3-cascade", 2, 0, 0)]
    [InlineData("4-broker-trigger", 1, 1, 2)]
    public void Every_seed_scenario_loads_without_findings(string scenario, int sequences, int brokers, int triggers)
    {
        ManifestLoadResult result = new ManifestLoader().Load([Manifests.Samples(scenario)]);

        Assert.Empty(result.Diagnostics);
        ManifestSet set = result.EnsureValid();
        Assert.Equal(sequences, set.Sequences.Count);
        Assert.Equal(brokers, set.Brokers.Count);
        Assert.Equal(triggers, set.Triggers.Count);
        Assert.Single(set.Sources);
    }

    [Fact]
    public void Seed_v1alpha1_dialect_maps_to_the_model()
    {
        ManifestSet set = new ManifestLoader().Load([Manifests.Samples("4-broker-trigger")]).EnsureValid();

        SequenceResource sequence = set.Sequences["sequence"];
        Assert.Equal(["first", "second", "third"], sequence.Steps.Select(s => s.Destination.Ref!.Name));
        Assert.Equal(new ObjectReference("eventing.knative.dev/v1alpha1", "Broker", "default"), sequence.Reply!.Ref);
        Assert.Equal("InMemoryChannel", sequence.ChannelTemplate!.Kind);

        BrokerResource broker = set.Brokers["default"];
        Assert.True(broker.Implied);
        Assert.EndsWith("1 Broker(s), 2 Trigger(s), 1 source(s), 4 Service(s); Broker 'default' is implied, not declared: Knative's sugar controller makes it for a Namespace or Trigger marked eventing.knative.dev/injection: enabled", set.Summary, StringComparison.Ordinal);

        TriggerResource trigger = set.FindTrigger("sequence-trigger")!;
        Assert.Equal("default", trigger.Broker);
        Assert.Equal(new Dictionary<string, string> { ["type"] = "dev.knative.cronjob.event" }, trigger.AttributesFilter);

        PingSourceResource source = set.Sources[0];
        Assert.Equal(ResourceKind.CronJobSource, source.Kind);
        Assert.Equal("dev.knative.cronjob.event", source.EventType);
        Assert.Equal("/apis/v1/namespaces/default/cronjobsources/cronjob-source", source.EventSource);
        Assert.Equal("application/json", source.ContentType);

        Assert.Equal(ServiceRuntime.Appender, set.Services["first"].Runtime);
        Assert.Equal(ServiceRuntime.Display, set.Services["event-display"].Runtime);
    }

    [Fact]
    public void Knative_v1_dialect_loads_uri_destinations_attribute_filters_and_delivery()
    {
        string yaml = Manifests.StepService("first", 0) + Manifests.Display + """
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: pipeline
            spec:
              steps:
                - ref:
                    apiVersion: serving.knative.dev/v1
                    kind: Service
                    name: first
                  delivery:
                    retry: 3
                    backoffPolicy: linear
                    backoffDelay: PT0.2S
                    timeout: PT5S
                    deadLetterSink:
                      ref:
                        apiVersion: serving.knative.dev/v1
                        kind: Service
                        name: event-display
                - uri: http://localhost:9000/step
              reply:
                ref:
                  apiVersion: eventing.knative.dev/v1
                  kind: Broker
                  name: events
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Broker
            metadata:
              name: events
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: shown
            spec:
              broker: events
              filter:
                attributes:
                  type: samples.http.mod3
                  traceid: ""
              subscriber:
                ref:
                  apiVersion: serving.knative.dev/v1
                  kind: Service
                  name: event-display
            ---
            apiVersion: sources.knative.dev/v1
            kind: PingSource
            metadata:
              name: ping
              namespace: demo
            spec:
              schedule: "0/30 * * * * *"
              timezone: Europe/Paris
              contentType: application/json
              data: '{"message": "hi"}'
              ceOverrides:
                extensions:
                  origin: ping
              sink:
                ref:
                  apiVersion: flows.knative.dev/v1
                  kind: Sequence
                  name: pipeline
                  namespace: default
            """;

        ManifestLoadResult result = Manifests.Load(yaml);

        Assert.Empty(result.Diagnostics);
        ManifestSet set = result.EnsureValid();
        SequenceResource sequence = set.Sequences["pipeline"];
        Assert.Equal(new Uri("http://localhost:9000/step"), sequence.Steps[1].Destination.Uri);
        DeliverySpec delivery = sequence.Steps[0].Delivery!;
        Assert.Equal(3, delivery.Retry);
        Assert.Equal(BackoffPolicy.Linear, delivery.BackoffPolicy);
        Assert.Equal(TimeSpan.FromMilliseconds(200), delivery.BackoffDelay);
        Assert.Equal(TimeSpan.FromSeconds(5), delivery.Timeout);
        Assert.Equal("event-display", delivery.DeadLetterSink!.Ref!.Name);
        Assert.False(set.Brokers["events"].Implied);
        Assert.DoesNotContain("implied", set.Summary, StringComparison.Ordinal);
        Assert.Equal("events", set.Triggers[0].Broker);
        Assert.Equal(2, set.Triggers[0].AttributesFilter.Count);
        PingSourceResource ping = set.Sources[0];
        Assert.Equal("dev.knative.sources.ping", ping.EventType);
        Assert.Equal("/apis/v1/namespaces/demo/pingsources/ping", ping.EventSource);
        Assert.Equal("ping", ping.ExtensionOverrides["origin"]);
    }

    [Fact]
    public void Misspelt_field_from_the_seed_is_an_error_with_file_line_field_and_suggestion()
    {
        string file = Path.Combine(AppContext.BaseDirectory, "TestData", "seed-cascade-display-typo.yaml");

        ManifestLoadResult result = new ManifestLoader().Load([file]);

        // The one finding: the misspelt key stands for the container it hides.
        ManifestDiagnostic error = Manifests.SingleError(result);
        Assert.Equal(file, error.Location.File);
        Assert.Equal(9, error.Location.Line);
        Assert.Equal("Service/event-display", error.Resource);
        Assert.Equal("spec.template.spec.containerers", error.Field);
        Assert.Equal("unknown field 'containerers'; did you mean 'containers'?", error.Message);
        Assert.Contains($"{file}:9: error: Service/event-display spec.template.spec.containerers", error.ToString(), StringComparison.Ordinal);
        Assert.Throws<ManifestException>(() => result.EnsureValid());
    }

    [Fact]
    public void Unknown_kind_is_an_error_with_a_suggestion()
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load("""
            apiVersion: flows.knative.dev/v1
            kind: Sequense
            metadata:
              name: s
            spec: {}
            """));

        Assert.Equal("kind", error.Field);
        Assert.Equal(2, error.Location.Line);
        Assert.Contains("unknown kind 'Sequense'; did you mean 'Sequence'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_apiVersion_for_a_kind_is_an_error()
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load("""
            apiVersion: serving.knative.dev/v1
            kind: Broker
            metadata:
              name: b
            """));

        Assert.Equal("apiVersion", error.Field);
        Assert.Contains("eventing.knative.dev/v1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reference_to_a_missing_service_names_the_field_and_what_exists()
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(Manifests.StepService("first", 0) + """
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: s
            spec:
              steps:
                - ref:
                    apiVersion: serving.knative.dev/v1
                    kind: Service
                    name: frist
            """));

        Assert.Equal("Sequence/s", error.Resource);
        Assert.Equal("spec.steps[0].ref.name", error.Field);
        Assert.Equal(23, error.Location.Line); // the name: line
        Assert.Contains("Service 'frist' does not exist; did you mean 'first'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sequence_without_steps_is_an_error()
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load("""
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: empty
            spec:
              steps: []
            """));

        Assert.Equal("spec.steps", error.Field);
        Assert.Contains("at least one step", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reply_cycle_between_sequences_is_an_error()
    {
        string Sequence(string name, string reply) => $$"""
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: {{name}}
            spec:
              steps:
                - ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: first }
              reply:
                ref: { apiVersion: flows.knative.dev/v1, kind: Sequence, name: {{reply}} }
            ---

            """;

        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(Manifests.StepService("first", 0) + Sequence("a", "b") + Sequence("b", "a")));

        Assert.Equal("spec.reply", error.Field);
        Assert.Contains("cycle (Sequence/a -> Sequence/b -> Sequence/a)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_name_twice_is_an_error_pointing_at_the_first()
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(Manifests.Display + Manifests.Display.TrimEnd('-', '\n')));

        Assert.Contains("declared twice (first at test.yaml:1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_yaml_is_reported_with_its_line()
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load("apiVersion: v1\nkind: [unclosed\n"));

        Assert.Equal("(yaml)", error.Field);
        Assert.True(error.Location.Line >= 2);
    }

    [Fact]
    public void Every_error_is_collected_not_just_the_first()
    {
        ManifestLoadResult result = Manifests.Load("""
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: s
            spec:
              stepz: []
              reply:
                ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: nowhere }
            """);

        // The misspelt key stands for the missing steps; the dangling reply is reported too.
        Assert.Collection(
            result.Diagnostics,
            d => Assert.Contains("unknown field 'stepz'; did you mean 'steps'?", d.Message, StringComparison.Ordinal),
            d => Assert.Contains("Service 'nowhere' does not exist", d.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_path_is_an_error_not_an_exception()
    {
        ManifestDiagnostic error = Manifests.SingleError(new ManifestLoader().Load(["/no/such/manifests"]));

        Assert.Contains("no such file or folder", error.Message, StringComparison.Ordinal);
    }
}
