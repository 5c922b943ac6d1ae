using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>YAML merge keys (<c>&lt;&lt;: *anchor</c>) and aliases, read as kubectl reads them.</summary>
public sealed partial class ManifestLoaderTests
{
    private const string AppendersSharingAContainer = """
        apiVersion: v1
        kind: List
        items:
          - apiVersion: serving.knative.dev/v1
            kind: Service
            metadata: { name: first }
            spec:
              template:
                spec:
                  containers:
                    - &appender
                      image: gcr.io/knative-releases/knative.dev/eventing/cmd/appender
                      env: [{ name: MESSAGE, value: " - first" }, { name: TYPE, value: shared }]
          - apiVersion: serving.knative.dev/v1
            kind: Service
            metadata: { name: second }
            spec:
              template:
                spec:
                  containers:
                    - <<: *appender
                      env: [{ name: MESSAGE, value: " - second" }]
        """;

    [Fact]
    public void A_merge_key_takes_the_anchored_mapping_s_fields_and_the_mapping_s_own_keys_win()
    {
        ManifestSet set = Manifests.Load(AppendersSharingAContainer).EnsureValid();

        ServiceResource second = set.Services["second"];
        Assert.Equal(ServiceRuntime.Appender, second.Runtime);
        Assert.Equal(" - second", second.Environment["MESSAGE"]);
        Assert.False(second.Environment.ContainsKey("TYPE"));
    }

    [Fact]
    public void A_key_written_before_the_merge_key_is_overridden_by_it_as_kubectl_reads_it()
    {
        string yaml = AppendersSharingAContainer.Replace(
            "- <<: *appender\n              env: [{ name: MESSAGE, value: \" - second\" }]",
            "- env: [{ name: MESSAGE, value: \" - second\" }]\n              <<: *appender",
            StringComparison.Ordinal);
        Assert.NotEqual(AppendersSharingAContainer, yaml);

        ServiceResource second = Manifests.Load(yaml).EnsureValid().Services["second"];

        Assert.Equal((" - first", "shared"), (second.Environment["MESSAGE"], second.Environment["TYPE"]));
    }

    [Fact]
    public void A_merge_of_a_list_of_mappings_lets_the_earlier_ones_win()
    {
        string yaml = Manifests.StepService("step-0", 0) + """
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata: { name: seq }
            spec:
              steps:
                - ref:
                    <<: [{ name: step-0, kind: Service }, { apiVersion: serving.knative.dev/v1, kind: Broker }]
            """;

        ManifestSet set = Manifests.Load(yaml).EnsureValid();

        Assert.Equal(("Service", "step-0"), (set.Sequences["seq"].Steps[0].Destination.Ref?.Kind, set.Sequences["seq"].Steps[0].Destination.Ref?.Name));
    }

    [Fact]
    public void A_field_a_merge_key_brings_in_is_reported_at_the_line_it_is_written()
    {
        string yaml = """
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: seq
            spec:
              steps:
                - ref: &step
                    apiVersion: serving.knative.dev/v1
                    kind: Service
                    name: step-0
                    nmae: typo
                - ref:
                    <<: *step
                    name: step-1
                    colour: blue
            ---

            """ + Manifests.StepService("step-0", 0) + Manifests.StepService("step-1", 1);

        var errors = Manifests.Load(yaml).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        Assert.Equal(
            [("spec.steps[0].ref.nmae", 11), ("spec.steps[1].ref.colour", 15), ("spec.steps[1].ref.nmae", 11)],
            errors.Select(e => (e.Field, e.Location.Line)).OrderBy(e => e.Field, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("<<: plain")]
    [InlineData("<<: [{ name: a }, plain]")]
    public void A_merge_key_whose_value_is_no_mapping_is_an_error_at_its_line(string merge)
    {
        string yaml = $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  {merge}\n";

        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(yaml));

        Assert.Equal(6, error.Location.Line);
        Assert.StartsWith("is not valid YAML: a merge key (<<) takes a mapping", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_without_an_anchor_is_reported_at_the_alias()
    {
        const string Yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n  c: *missing\n";

        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(Yaml));

        Assert.Equal(new SourceLocation("test.yaml", 7, 6), error.Location);
        Assert.Contains("*missing", error.Message, StringComparison.Ordinal);
    }
}
