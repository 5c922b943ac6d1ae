using System.Text;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>Knative's older API versions and the fields they had, and the channel template's delivery.</summary>
public sealed partial class ManifestLoaderTests
{
    private static string ChannelSequence(string apiVersion, string stepDelivery = "") => Manifests.Display + Manifests.StepService("first", 0) + $$"""
        apiVersion: {{apiVersion}}
        kind: Sequence
        metadata:
          name: seq
        spec:
          channelTemplate:
            apiVersion: messaging.knative.dev/v1
            kind: InMemoryChannel
            spec:
              delivery:
                retry: 2
                backoffDelay: PT0.5S
                backoffPolicy: exponential
                deadLetterSink:
                  ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
          steps:
            - ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: first }
            - ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: first }
        {{stepDelivery}}
        """;

    [Theory]
    [InlineData("flows.knative.dev/v1")]
    [InlineData("flows.knative.dev/v1alpha1")]
    public void A_channel_template_s_delivery_is_every_step_s_unless_the_step_sets_its_own(string apiVersion)
    {
        ManifestSet set = Manifests.Load(ChannelSequence(apiVersion, "      delivery: { retry: 5 }")).EnsureValid();

        SequenceResource sequence = set.Sequences["seq"];
        DeliverySpec first = sequence.Steps[0].Delivery!;
        Assert.Equal(2, first.Retry);
        Assert.Equal(TimeSpan.FromSeconds(0.5), first.BackoffDelay);
        Assert.Equal("event-display", first.DeadLetterSink!.Ref!.Name);
        DeliverySpec second = sequence.Steps[1].Delivery!;
        Assert.Equal(5, second.Retry);
        Assert.Equal("event-display", second.DeadLetterSink!.Ref!.Name);
    }

    [Fact]
    public void A_channel_template_s_delivery_is_every_branch_s_too()
    {
        ManifestSet set = Manifests.Load(Parallel("""
                - subscriber: { uri: http://sub-0.local/ }
                - subscriber: { uri: http://sub-1.local/ }
                  delivery: { retry: 1 }
              channelTemplate:
                apiVersion: messaging.knative.dev/v1
                kind: InMemoryChannel
                spec:
                  delivery: { retry: 3 }
            """)).EnsureValid();

        IReadOnlyList<ParallelBranch> branches = set.Parallels["par"].Branches;
        Assert.Equal(3, branches[0].Delivery!.Retry);
        Assert.Equal(1, branches[1].Delivery!.Retry);
    }

    [Fact]
    public void A_channel_s_own_settings_are_warned_to_have_no_effect()
    {
        ManifestLoadResult result = Manifests.Load(ChannelSequence("flows.knative.dev/v1").Replace(
            "kind: InMemoryChannel\n    spec:\n", "kind: KafkaChannel\n    spec:\n      numPartitions: 3\n", StringComparison.Ordinal));

        ManifestDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal("spec.channelTemplate.spec.numPartitions", warning.Field);
    }

    [Fact]
    public void A_step_s_written_delivery_replaces_the_channel_s_retries_as_one_block_and_keeps_its_dead_letter_sink()
    {
        // Knative's Subscription reconciler (deliverySpec): a subscription that writes a delivery takes retry, back-off and
        // timeout from it alone, whichever it leaves out; the channel's dead-letter sink still applies.
        SequenceResource sequence = Manifests.Load(ChannelSequence("flows.knative.dev/v1", "      delivery: { backoffPolicy: linear }")).EnsureValid().Sequences["seq"];

        Assert.Equal(new DeliverySpec(2, BackoffPolicy.Exponential, TimeSpan.FromSeconds(0.5), DeadLetterSink: sequence.Steps[0].Delivery!.DeadLetterSink), sequence.Steps[0].Delivery);
        DeliverySpec second = sequence.Steps[1].Delivery!;
        Assert.Equal((null, BackoffPolicy.Linear, null), (second.Retry, second.BackoffPolicy, second.BackoffDelay));
        Assert.Equal("event-display", second.DeadLetterSink!.Ref!.Name);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("flows.knative.dev")]
    public void A_knative_kind_with_a_kubernetes_looking_api_version_is_refused_not_left_out(string apiVersion)
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(ChannelSequence(apiVersion)));

        Assert.Equal("apiVersion", error.Field);
        Assert.Equal("Sequence/seq", error.Resource);
    }

    [Theory]
    [InlineData("messaging.knative.dev/v1")]
    [InlineData("messaging.knative.dev/v1beta1")]
    public void A_sequence_version_knative_never_served_is_refused(string apiVersion)
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(ChannelSequence(apiVersion)));

        Assert.Equal("apiVersion", error.Field);
        Assert.Contains("flows.knative.dev/v1alpha1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sources.knative.dev/v1alpha2")]
    [InlineData("sources.knative.dev/v1beta1")]
    public void An_older_ping_source_s_json_data_is_its_data(string apiVersion)
    {
        ManifestSet set = Manifests.Load(Manifests.Display + $$"""
            apiVersion: {{apiVersion}}
            kind: PingSource
            metadata:
              name: ping
            spec:
              schedule: "*/1 * * * *"
              jsonData: '{"message": "Hello world!"}'
              sink:
                ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
            """).EnsureValid();

        PingSourceResource source = Assert.Single(set.Sources);
        Assert.Equal("application/json", source.ContentType);
        Assert.Equal("""{"message": "Hello world!"}""", Encoding.UTF8.GetString(source.Data!.Value.Span));
    }

    [Fact]
    public void A_ping_source_without_a_schedule_fires_every_minute_as_in_knative()
    {
        ManifestSet set = Manifests.Load(Manifests.Display + """
            apiVersion: sources.knative.dev/v1
            kind: PingSource
            metadata:
              name: ping
            spec:
              sink:
                ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
            """).EnsureValid();

        Assert.Equal("* * * * *", Assert.Single(set.Sources).Schedule);
    }

    [Theory]
    [InlineData("PingSource", "sources.knative.dev/v1", null)]
    [InlineData("CronJobSource", "sources.eventing.knative.dev/v1alpha1", "is required")]
    public void An_empty_schedule_is_every_minute_for_a_ping_source_and_an_error_for_a_cron_job_source(string kind, string apiVersion, string? error)
    {
        ManifestLoadResult result = Manifests.Load(Manifests.Display + $$"""
            apiVersion: {{apiVersion}}
            kind: {{kind}}
            metadata:
              name: ping
            spec:
              schedule: ""
              sink:
                ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
            """);

        if (error is null)
        {
            Assert.Equal("* * * * *", Assert.Single(result.EnsureValid().Sources).Schedule);
        }
        else
        {
            ManifestDiagnostic found = Manifests.SingleError(result);
            Assert.Equal(("spec.schedule", error), (found.Field, found.Message));
        }
    }

    [Fact]
    public void Json_data_that_is_not_json_says_where_in_plain_words()
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(Manifests.Display + """
            apiVersion: sources.knative.dev/v1
            kind: PingSource
            metadata:
              name: ping
            spec:
              contentType: application/json
              data: '{"message": "x",}'
              sink:
                ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
            """));

        Assert.Equal("spec.data", error.Field);
        Assert.EndsWith("it is not valid JSON: unexpected '}' at line 1, column 17", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spec_field_at_the_top_is_named_with_its_resource_and_the_fix()
    {
        string yaml = ChannelSequence("flows.knative.dev/v1") + "reply:\n  ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }\n";

        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(yaml));

        Assert.Equal("Sequence/seq", error.Resource);
        Assert.Equal("reply", error.Field);
        Assert.Contains("indent it under spec", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_named_twice_is_read_once()
    {
        string sample = Manifests.Samples("4-broker-trigger");

        ManifestLoadResult result = new ManifestLoader().Load([sample, Path.Combine(sample, "services.yaml")]);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
    }
}
