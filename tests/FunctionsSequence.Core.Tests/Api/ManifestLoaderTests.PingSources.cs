using System.Text;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>A PingSource's data as Knative's webhook reads it (sources/v1 ping_validation.go).</summary>
public sealed partial class ManifestLoaderTests
{
    private static string PingData(string data) => Manifests.Display + $$"""
        apiVersion: sources.knative.dev/v1
        kind: PingSource
        metadata:
          name: ping
        spec:
          {{data}}
          sink:
            ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
        """;

    [Theory]
    [InlineData("data: '[1,2]'", "spec.data", "must be a JSON object (or null) when contentType is application/json, as in Knative: it is a list, not an object")]
    [InlineData("data: '42'", "spec.data", "it is a number, not an object")]
    [InlineData("data: '\"text\"'", "spec.data", "it is a string, not an object")]
    [InlineData("data: 'true'", "spec.data", "it is")]
    [InlineData("dataBase64: WzEsMl0=", "spec.dataBase64", "must decode to a JSON object (or null) when contentType is application/json, as in Knative: it is a list, not an object")]
    public void Json_data_that_is_not_an_object_is_refused_as_Knative_refuses_it(string data, string field, string message)
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(PingData($"contentType: application/json\n  {data}")));

        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("contentType: application/json\n  data: '{\"a\": [1, 2]}'")]
    [InlineData("contentType: application/json\n  data: 'null'")]
    [InlineData("contentType: application/json\n  dataBase64: eyJhIjogMX0=")]
    [InlineData("contentType: text/plain\n  data: '[1,2'")]
    [InlineData("contentType: application/json; charset=utf-8\n  data: '[1,2]'")]
    [InlineData("data: '[1,2]'")]
    public void Data_Knative_accepts_loads(string data)
    {
        Assert.Empty(Manifests.Load(PingData(data)).Diagnostics);
    }

    [Theory]
    [InlineData("0 0 31 2 *")] // the 31st of February
    [InlineData("0 0 30 2 *")]
    [InlineData("0 0 31 4,6,9,11 *")]
    public void A_schedule_no_date_matches_loads_with_a_warning_that_it_never_fires(string schedule)
    {
        ManifestDiagnostic warning = Assert.Single(Manifests.Load(PingData($"schedule: \"{schedule}\"")).Diagnostics);

        Assert.Equal((DiagnosticSeverity.Warning, "spec.schedule"), (warning.Severity, warning.Field));
        Assert.Equal($"'{schedule}' never fires: no date matches it, so this source sends nothing (Knative takes it too)", warning.Message);
    }

    [Theory]
    [InlineData("0 0 29 2 *")] // leap years only
    [InlineData("0 0 31 * *")]
    public void A_schedule_that_fires_rarely_loads_without_a_word(string schedule)
    {
        Assert.Empty(Manifests.Load(PingData($"schedule: \"{schedule}\"")).Diagnostics);
    }

    [Theory]
    [InlineData("data: ''\n  dataBase64: aGVsbG8=", "hello")]
    [InlineData("data: hello\n  dataBase64: ''", "hello")]
    public void An_empty_data_or_dataBase64_is_not_set_so_the_other_one_is_sent(string data, string sent)
    {
        ManifestLoadResult result = Manifests.Load(PingData(data));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(sent, Encoding.UTF8.GetString(result.EnsureValid().Sources[0].Data!.Value.Span));
    }

    [Theory]
    [InlineData("  namespace: shop\n", "", "", "shop")]
    [InlineData("", "  namespace: shop\n", "", "shop")]
    [InlineData("", "", "", "default")]
    [InlineData("  namespace: shop\n", "  namespace: other\n", "", "default")]
    [InlineData("", "", ", namespace: shop", "shop")]
    [InlineData("  namespace: other\n", "", ", namespace: other", "other")]
    [InlineData("", "", "", "default", "\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-br-defaults\n  namespace: knative-eventing\ndata: {}\n")]
    public void A_source_without_a_namespace_is_in_the_one_the_manifests_are_written_for_as_kubectl_apply_n_would_put_it(
        string display, string sequence, string sinkNamespace, string shown, string installation = "")
    {
        // The event-display Service and a Sequence write their namespaces, the sink's ref may name one; the PingSource writes none.
        string yaml = PingData("data: hi")
            .Replace("  name: event-display\n", "  name: event-display\n" + display, StringComparison.Ordinal)
            .Replace("name: event-display }", $"name: event-display{sinkNamespace} }}", StringComparison.Ordinal) + $$"""

            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: s
            {{sequence}}spec:
              steps:
                - uri: https://step.example/
            """;

        ManifestSet set = Manifests.Load(yaml + installation).EnsureValid();

        Assert.Equal($"/apis/v1/namespaces/{shown}/pingsources/ping", set.Sources[0].EventSource);
        Assert.Equal(shown, set.Sources[0].Sink.SenderNamespace); // its Kn-Namespace, as Knative's adapter sends both from one namespace
    }

    [Theory]
    [InlineData("id")]
    [InlineData("time")]
    [InlineData("Type")]
    [InlineData("source")]
    [InlineData("datacontenttype")]
    public void An_extension_override_of_an_attribute_the_spec_defines_is_an_error_at_its_key_as_Knative_would_send_nothing(string name)
    {
        string manifest = PingData($"ceOverrides:\n    extensions:\n      {name}: garbage\n      team: shop");

        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(manifest));

        Assert.Equal($"spec.ceOverrides.extensions.{name}", error.Field);
        Assert.StartsWith($"'{name}' is an attribute the CloudEvents spec defines, not an extension: Knative's PingSource (1.5 and later) refuses to send an event with it", error.Message, StringComparison.Ordinal);
        Assert.Equal(manifest[..manifest.IndexOf($"{name}: garbage", StringComparison.Ordinal)].Count(c => c == '\n') + 1, error.Location.Line);
    }

    [Fact]
    public void An_extension_override_named_data_is_left_out_with_a_warning_at_its_key()
    {
        ManifestLoadResult result = Manifests.Load(PingData("ceOverrides:\n    extensions:\n      data: z\n      team: shop"));

        ManifestDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, "spec.ceOverrides.extensions.data"), (warning.Severity, warning.Field));
        Assert.Equal(new Dictionary<string, string> { ["team"] = "shop" }, Assert.Single(result.EnsureValid().Sources).ExtensionOverrides);
    }

    [Fact]
    public void Data_and_dataBase64_both_set_is_an_error()
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(Manifests.Display + """
            apiVersion: sources.knative.dev/v1
            kind: PingSource
            metadata:
              name: p
            spec:
              schedule: "* * * * *"
              data: hello
              dataBase64: aGVsbG8=
              sink:
                ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
            """));

        Assert.Equal("spec.dataBase64", error.Field);
        Assert.Contains("both set", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("every minute", "spec.schedule", "5 (minute hour day-of-month month day-of-week)")]
    [InlineData("61 * * * *", "spec.schedule", "'61' in the minute field is out of range: the minute field takes 0-59")]
    public void Schedule_that_is_not_cron_is_an_error(string schedule, string field, string expected)
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(Manifests.Display + $$"""
            apiVersion: sources.knative.dev/v1
            kind: PingSource
            metadata:
              name: p
            spec:
              schedule: "{{schedule}}"
              sink:
                ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
            """));

        Assert.Equal(field, error.Field);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_time_zone_is_an_error_on_the_timezone_field()
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(Manifests.Display + """
            apiVersion: sources.knative.dev/v1
            kind: PingSource
            metadata:
              name: p
            spec:
              schedule: "* * * * *"
              timezone: Mars/Olympus
              sink:
                ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
            """));

        Assert.Equal("spec.timezone", error.Field);
    }

    [Fact]
    public void An_unknown_time_zone_and_a_bad_schedule_are_both_reported_in_one_load()
    {
        ManifestLoadResult result = Manifests.Load(Manifests.Display + """
            apiVersion: sources.knative.dev/v1
            kind: PingSource
            metadata:
              name: p
            spec:
              schedule: "*/61 * * *"
              timezone: Europe/Nowhere
              sink:
                ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
            """);

        Assert.Equal(["spec.schedule", "spec.timezone"], result.Diagnostics.Select(d => d.Field).Order(StringComparer.Ordinal));
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
    }

    [Fact]
    public void Two_extension_overrides_that_differ_only_in_case_keep_the_later_with_a_warning_at_it()
    {
        string manifest = PingData("ceOverrides:\n    extensions:\n      Team: blue\n      team: red");
        ManifestLoadResult result = Manifests.Load(manifest);

        ManifestDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, "spec.ceOverrides.extensions.team"), (warning.Severity, warning.Field));
        Assert.Contains("'team' and an earlier key are both the extension 'team'", warning.Message, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "red" }, Assert.Single(result.EnsureValid().Sources).ExtensionOverrides);
    }

    [Theory]
    [InlineData("additional: 42", "spec.ceOverrides.extensions.additional", "is a number in YAML (42)")]
    [InlineData("urgent: true", "spec.ceOverrides.extensions.urgent", "is a boolean in YAML (true)")]
    public void Extension_overrides_that_YAML_reads_as_numbers_or_booleans_are_refused_as_kubectl_refuses_them(string entry, string field, string message)
    {
        // Knative's CRD types ceOverrides.extensions as strings: knative/docs' PingSource reference writes `additional: 42`.
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(PingData($"ceOverrides:\n    extensions:\n      {entry}")));

        Assert.Equal(field, error.Field);
        Assert.StartsWith(message + ", and Kubernetes takes only a string here (kubectl refuses it): quote it", error.Message, StringComparison.Ordinal);
        Assert.Equal("42", Assert.Single(Manifests.Load(PingData("ceOverrides:\n    extensions:\n      additional: \"42\"")).EnsureValid().Sources).ExtensionOverrides["additional"]);
    }
}
