using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>Sequences and Parallels handing events round a ring with no Broker, and so no hop limit, on it.</summary>
public sealed partial class ManifestLoaderTests
{
    private static string Ref(string kind, string name) =>
        $"{{ apiVersion: {(kind == "Service" ? "serving.knative.dev/v1" : kind == "Broker" ? "eventing.knative.dev/v1" : "flows.knative.dev/v1")}, kind: {kind}, name: {name} }}";

    private static string FlowSequence(string name, string[] steps, string? reply = null) => $$"""
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata:
          name: {{name}}
        spec:
          steps:
        {{string.Concat(steps.Select(s => $"    - ref: {s}\n"))}}{{(reply is null ? string.Empty : $"  reply:\n    ref: {reply}\n")}}---

        """;

    /// <summary>Parallel <c>p</c> with one branch, given as a flow mapping's content.</summary>
    private static string FlowParallel(string branch) => $$"""
        apiVersion: flows.knative.dev/v1
        kind: Parallel
        metadata:
          name: p
        spec:
          branches:
            - { {{branch}} }
        ---

        """;

    private static string Services => Manifests.StepService("first", 0) + Manifests.StepService("second", 1) + Manifests.Display + Manifests.InAppStepService("upper", "uppercase") + """
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata:
          name: remote
          annotations:
            functionssequence.dev/url: http://remote.example/
        spec:
          template:
            spec:
              containers:
                - image: example/remote
        ---

        """;

    private static List<ManifestDiagnostic> Rings(ManifestLoadResult result) =>
        [.. result.Diagnostics.Where(d => d.Message.Contains("flows form a cycle", StringComparison.Ordinal))];

    [Fact]
    public void A_sequence_that_is_its_own_step_after_appenders_is_an_error()
    {
        ManifestLoadResult result = Manifests.Load(Services + FlowSequence("sequence", [Ref("Service", "first"), Ref("Sequence", "sequence"), Ref("Service", "second")]));

        ManifestDiagnostic error = Manifests.SingleError(result);
        Assert.Equal(("Sequence/sequence", "spec.steps[1]"), (error.Resource, error.Field));
        Assert.Equal(
            "flows form a cycle (Sequence/sequence -> Sequence/sequence) with no Broker on it to end it at the hop limit, and nothing on it drops an event: "
            + "every event would run forever",
            error.Message);
    }

    [Fact]
    public void A_ring_through_a_step_a_parallel_branch_and_a_reply_is_reported_once_at_its_first_flow()
    {
        string parallel = FlowParallel($"subscriber: {{ ref: {Ref("Service", "first")} }}, reply: {{ ref: {Ref("Sequence", "a")} }}");

        ManifestLoadResult result = Manifests.Load(Services + FlowSequence("a", [Ref("Sequence", "b")]) + FlowSequence("b", [Ref("Service", "first")], reply: Ref("Parallel", "p")) + parallel);

        ManifestDiagnostic error = Manifests.SingleError(result);
        Assert.Equal("Sequence/a", error.Resource);
        Assert.Contains(
            "(Sequence/a -> Sequence/b -> Parallel/p -> Sequence/a) with no Broker on it to end it at the hop limit, and nothing on it drops an event: every event would run forever "
            + "(Sequence/a spec.steps[0], Sequence/b spec.reply, Parallel/p spec.branches[0].reply)",
            error.Message,
            StringComparison.Ordinal);
        Assert.Single(Rings(result));
    }

    [Theory]
    [InlineData("remote")] // an HTTP step may answer nothing
    [InlineData("upper")] // so may a step written in C#
    public void A_ring_that_a_step_may_end_is_a_warning(string service)
    {
        ManifestLoadResult result = Manifests.Load(Services + FlowSequence("a", [Ref("Service", service)], reply: Ref("Sequence", "b")) + FlowSequence("b", [Ref("Service", "first")], reply: Ref("Sequence", "a")));

        ManifestDiagnostic warning = Assert.Single(Rings(result));
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("flows form a cycle (Sequence/a -> Sequence/b -> Sequence/a) with no Broker on it to end it at the hop limit: an event goes round for as long as", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void A_ring_through_a_filtered_branch_is_a_warning()
    {
        string parallel = FlowParallel($"filter: {{ ref: {Ref("Service", "remote")} }}, subscriber: {{ ref: {Ref("Parallel", "p")} }}");

        ManifestDiagnostic warning = Assert.Single(Rings(Manifests.Load(Services + parallel)));

        Assert.Equal((DiagnosticSeverity.Warning, "spec.branches[0].subscriber"), (warning.Severity, warning.Field));
    }

    [Fact]
    public void An_unfiltered_parallel_that_is_its_own_subscriber_is_an_error_at_the_parallel_declared_first()
    {
        ManifestLoadResult result = Manifests.Load(Services + FlowParallel($"subscriber: {{ ref: {Ref("Sequence", "a")} }}") + FlowSequence("a", [Ref("Parallel", "p")]));

        ManifestDiagnostic error = Manifests.SingleError(result);
        Assert.Equal(("Parallel/p", "spec.branches[0].subscriber"), (error.Resource, error.Field));
        Assert.Contains("(Parallel/p -> Sequence/a -> Parallel/p)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ring_through_a_dead_letter_sink_is_a_warning_as_only_failures_take_it()
    {
        string sequence = $$"""
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: a
            spec:
              steps:
                - ref: {{Ref("Service", "first")}}
                  delivery:
                    deadLetterSink:
                      ref: {{Ref("Sequence", "a")}}
            ---

            """;

        ManifestDiagnostic warning = Assert.Single(Rings(Manifests.Load(Services + sequence)));

        Assert.Equal((DiagnosticSeverity.Warning, "spec.steps[0].delivery.deadLetterSink"), (warning.Severity, warning.Field));
    }

    [Fact]
    public void A_branch_whose_filter_is_the_display_passes_nothing_and_so_forms_no_ring()
    {
        Assert.Empty(Rings(Manifests.Load(Services + FlowParallel($"filter: {{ ref: {Ref("Service", "event-display")} }}, subscriber: {{ ref: {Ref("Parallel", "p")} }}"))));
    }

    [Theory]
    [InlineData("Broker", "default")] // the hop limit ends it: a Broker's own check warns of a loop
    [InlineData("Service", "event-display")] // the display answers nothing: the run ends there
    public void No_ring_when_a_step_before_the_hand_over_ends_the_run(string kind, string name)
    {
        string broker = kind == "Broker" ? "apiVersion: eventing.knative.dev/v1\nkind: Broker\nmetadata:\n  name: default\n---\n" : string.Empty;

        ManifestLoadResult result = Manifests.Load(Services + broker + FlowSequence("a", [Ref("Service", "first"), Ref(kind, name), Ref("Sequence", "a")]));

        Assert.Empty(Rings(result));
    }

    [Fact]
    public void Sequences_that_hand_on_without_returning_form_no_ring()
    {
        ManifestLoadResult result = Manifests.Load(Services + FlowSequence("a", [Ref("Sequence", "b")]) + FlowSequence("b", [Ref("Service", "first")], reply: Ref("Sequence", "c"))
            + FlowSequence("c", [Ref("Service", "second")]));

        Assert.Empty(Rings(result));
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }
}
