using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>Parallels as the loader reads them, and where other resources may name one.</summary>
public sealed partial class ManifestLoaderTests
{
    private static string Parallel(string branches, string apiVersion = "flows.knative.dev/v1") => Manifests.Display + Manifests.StepService("first", 0) + $$"""
        apiVersion: {{apiVersion}}
        kind: Parallel
        metadata:
          name: par
        spec:
          branches:
        {{branches}}
          reply:
            ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
        """;

    [Theory]
    [InlineData("flows.knative.dev/v1")]
    [InlineData("messaging.knative.dev/v1alpha1")]
    public void A_parallel_is_read_with_its_branches_in_order(string apiVersion)
    {
        ManifestSet set = Manifests.Load(Parallel("""
                - filter: { ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: first } }
                  subscriber: { uri: http://sub-0.local/ }
                  delivery: { retry: 2 }
                - subscriber: { ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: first } }
                  reply: { uri: http://reply-1.local/ }
            """, apiVersion)).EnsureValid();

        ParallelResource parallel = set.RequireParallel("par");
        Assert.Equal(2, parallel.Branches.Count);
        Assert.Equal("Service/first", parallel.Branches[0].Filter!.ToString());
        Assert.Equal(2, set.DeliveryOf(Hop.Branch("par", 0))!.Retry);
        Assert.Null(parallel.Branches[1].Filter);
        Assert.Equal("http://reply-1.local/", set.ReplyOf(Hop.Branch("par", 1))!.ToString());
        Assert.Equal("Service/event-display", set.ReplyOf(Hop.Branch("par", 0))!.ToString());
    }

    [Fact]
    public void A_branch_s_filter_has_the_channel_template_s_delivery_as_knatives_filter_subscription_has_none_of_its_own()
    {
        string yaml = Parallel("""
                - filter: { uri: http://filter.local/ }
                  subscriber: { uri: http://sub-0.local/ }
                  delivery: { retry: 3, format: json }
            """).Replace("  branches:", """
              channelTemplate:
                apiVersion: messaging.knative.dev/v1
                kind: InMemoryChannel
                spec:
                  delivery: { retry: 1, timeout: PT5S, format: json }
              branches:
            """.TrimEnd(), StringComparison.Ordinal);

        ManifestSet set = Manifests.Load(yaml).EnsureValid();

        Assert.Equal(new DeliverySpec(1, Timeout: TimeSpan.FromSeconds(5)), set.DeliveryOf(Hop.Filter("par", 0)));
        Assert.Equal(new DeliverySpec(3, Format: DeliveryFormat.Json), set.DeliveryOf(Hop.Branch("par", 0)));
    }

    [Fact]
    public void A_branch_without_a_subscriber_is_reported_at_its_line()
    {
        string yaml = Parallel("""
                - filter: { uri: http://filter.local/ }
            """);
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(yaml));

        Assert.Equal(("Parallel/par", "spec.branches[0].subscriber"), (error.Resource, error.Field));
        Assert.Contains("is required", error.Message, StringComparison.Ordinal);
        Assert.Equal(yaml.Split('\n').ToList().FindIndex(l => l.Contains("- filter:", StringComparison.Ordinal)) + 1, error.Location.Line);
    }

    [Fact]
    public void A_filter_must_be_a_service_that_answers_and_a_missing_parallel_is_named()
    {
        ManifestLoadResult result = Manifests.Load(Parallel("""
                - filter: { ref: { apiVersion: flows.knative.dev/v1, kind: Sequence, name: other } }
                  subscriber: { ref: { apiVersion: flows.knative.dev/v1, kind: Parallel, name: nowhere } }
            """));

        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Contains(errors, e => e.Field == "spec.branches[0].filter.ref.kind" && e.Message.StartsWith("a filter cannot be a 'Sequence'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "spec.branches[0].subscriber.ref.name" && e.Message.StartsWith("Parallel 'nowhere' does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void A_parallel_can_be_a_sequence_step_or_reply_a_trigger_subscriber_and_a_source_sink()
    {
        string parallelRef = "{ apiVersion: flows.knative.dev/v1, kind: Parallel, name: par }";
        ManifestSet set = Manifests.Load(Parallel("""
                - subscriber: { uri: http://sub-0.local/ }
            """) + $$"""

            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata: { name: seq }
            spec:
              steps:
                - ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: first }
                - ref: {{parallelRef}}
              reply: { ref: {{parallelRef}} }
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata: { name: t }
            spec:
              broker: default
              filter: { attributes: { type: x } }
              subscriber: { ref: {{parallelRef}} }
            ---
            apiVersion: sources.knative.dev/v1
            kind: PingSource
            metadata: { name: ping }
            spec:
              schedule: "* * * * *"
              sink: { ref: {{parallelRef}} }
            """).EnsureValid();

        Assert.Equal("Parallel/par", set.RequireSequence("seq").Steps[1].Destination.ToString());
        Assert.Equal("Parallel/par", set.RequireTrigger("t").Subscriber.ToString());
        Assert.Contains("1 Parallel(s)", set.Summary, StringComparison.Ordinal);
    }
}
