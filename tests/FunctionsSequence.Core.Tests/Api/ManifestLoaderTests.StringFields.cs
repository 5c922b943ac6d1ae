using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>Fields Kubernetes types as strings, written as YAML or JSON numbers and booleans, which kubectl refuses.</summary>
public sealed partial class ManifestLoaderTests
{
    private const string StringFieldsSequence = """
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata:
          name: NAME
        spec:
          steps:
            - STEP
              delivery:
                backoffDelay: DELAY
        """;

    [Theory]
    [InlineData("uri: 5", "spec.steps[0].uri", "is a number in YAML (5)")]
    [InlineData("uri: true", "spec.steps[0].uri", "is a boolean in YAML (true)")]
    [InlineData("ref: { apiVersion: v1, kind: Service, name: 42 }", "spec.steps[0].ref.name", "is a number in YAML (42)")]
    [InlineData("ref: { apiVersion: 1.0, kind: Service, name: event-display }", "spec.steps[0].ref.apiVersion", "is a number in YAML (1.0)")]
    public void A_string_field_written_as_a_number_or_boolean_is_one_error_that_says_to_quote_it(string step, string field, string message)
    {
        string yaml = StringFieldsSequence.Replace("NAME", "seq", StringComparison.Ordinal).Replace("STEP", step, StringComparison.Ordinal).Replace("DELAY", "PT1S", StringComparison.Ordinal);

        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(Manifests.Display + yaml));

        Assert.Equal(("Sequence/seq", field), (error.Resource, error.Field));
        Assert.StartsWith(message + ", and Kubernetes takes only a string here (kubectl refuses it): quote it", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("123", "PT1S", "metadata.name", "Sequence")] // a document without a name is not read further
    [InlineData("seq", "10", "spec.steps[0].delivery.backoffDelay", "Sequence/seq")]
    public void A_name_or_a_duration_written_as_a_number_is_refused_at_its_field_and_read_when_quoted(string name, string delay, string field, string resource)
    {
        string step = "ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }";
        string yaml = StringFieldsSequence.Replace("STEP", step, StringComparison.Ordinal);

        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(Manifests.Display
            + yaml.Replace("NAME", name, StringComparison.Ordinal).Replace("DELAY", delay, StringComparison.Ordinal)));
        Assert.Equal((field, resource), (error.Field, error.Resource));

        ManifestSet set = Manifests.Load(Manifests.Display
            + yaml.Replace("NAME", $"\"{name}\"", StringComparison.Ordinal).Replace("DELAY", $"\"{delay}\"", StringComparison.Ordinal).Replace("\"10\"", "PT10S", StringComparison.Ordinal)).EnsureValid();
        Assert.Contains(name, set.Sequences.Keys);
    }

    [Fact]
    public void A_json_number_in_a_string_field_is_said_in_json_words_and_a_destination_that_is_not_readable_is_one_error()
    {
        const string json = """
            {"apiVersion": "flows.knative.dev/v1", "kind": "Sequence", "metadata": {"name": "s"},
             "spec": {"steps": [{"uri": 5}, {"uri": {"path": "/x"}}, {"ref": "event-display"}]}}
            """;

        ManifestLoadResult result = new ManifestLoader([]).LoadText(json, "seq.json");

        Assert.Equal(
            [
                ("spec.steps[0].uri", "is a number in JSON (5), and Kubernetes takes only a string here (kubectl refuses it): quote it, \"5\""),
                ("spec.steps[1].uri", "expected a single value, found a mapping"),
                ("spec.steps[2].ref", "expected a mapping (key: value lines), found 'event-display'"),
            ],
            result.Diagnostics.Select(d => (d.Field, d.Message)));
    }

    [Fact]
    public void A_cesql_filter_written_as_a_boolean_is_one_error_at_it()
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(Manifests.Display + """
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: t
            spec:
              broker: default
              filters:
                - cesql: true
              subscriber:
                ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
            """));

        Assert.Equal(("Trigger/t", "spec.filters[0].cesql"), (error.Resource, error.Field));
        Assert.StartsWith("is a boolean in YAML (true)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("apiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata:\n  name: t\nspec:\n  broker: 5\n  subscriber:\n    uri: http://example.com/\n", "spec.broker")]
    [InlineData("apiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata:\n  name: t\nspec:\n  brokerRef:\n    name: 5\n  subscriber:\n    uri: http://example.com/\n", "spec.brokerRef.name")]
    [InlineData("apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  template:\n    spec:\n      containers:\n        - image: 5\n", "spec.template.spec.containers[0].image")]
    [InlineData("apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: ExternalName\n  externalName: 5\n", "spec.externalName")]
    [InlineData("apiVersion: sources.eventing.knative.dev/v1alpha1\nkind: CronJobSource\nmetadata:\n  name: c\nspec:\n  schedule: 5\n  sink:\n    uri: http://example.com/\n", "spec.schedule")]
    [InlineData("apiVersion: flows.knative.dev/v1\nkind: Sequence\nmetadata:\n  name: s\nspec:\n  steps:\n    - ref: { group: 5, kind: Service, name: event-display }\n", "spec.steps[0].ref.group")]
    public void A_required_field_written_as_a_number_is_one_error_not_also_missing(string yaml, string field)
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(Manifests.Display + yaml));

        Assert.Equal(field, error.Field);
        Assert.StartsWith("is a number in YAML (5)", error.Message, StringComparison.Ordinal);
    }
}
