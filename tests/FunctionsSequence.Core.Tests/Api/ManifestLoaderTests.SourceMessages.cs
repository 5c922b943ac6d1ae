using System.Text;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Sources;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>
/// The data of a CronJobSource and of a PingSource before v1beta2, as Knative's adapters sent it (their <c>message()</c>):
/// a JSON object as written, any other text as <c>{"body": text}</c>, always as application/json.
/// </summary>
public sealed partial class ManifestLoaderTests
{
    [Theory]
    [InlineData("sources.eventing.knative.dev/v1alpha1", "CronJobSource", "data: Hello plain", """{"body":"Hello plain"}""")]
    [InlineData("sources.eventing.knative.dev/v1alpha1", "CronJobSource", "data: '{\"message\": \"Hello world!\"}'", """{"message": "Hello world!"}""")]
    [InlineData("sources.eventing.knative.dev/v1alpha1", "CronJobSource", "", """{"body":""}""")]
    [InlineData("sources.knative.dev/v1alpha1", "PingSource", "data: 'a \"quoted\" word'", """{"body":"a \"quoted\" word"}""")]
    [InlineData("sources.knative.dev/v1alpha2", "PingSource", "jsonData: '[1,2]'", """{"body":"[1,2]"}""")]
    [InlineData("sources.knative.dev/v1beta1", "PingSource", "jsonData: hello", """{"body":"hello"}""")]
    [InlineData("sources.knative.dev/v1beta1", "PingSource", "jsonData: '{\"z\": 1}'", """{"z": 1}""")]
    public void Data_before_v1beta2_is_a_json_object_as_written_or_wrapped_as_its_body(string apiVersion, string kind, string data, string sent)
    {
        ManifestSet set = Manifests.Load(OldSource(apiVersion, kind, data)).EnsureValid();

        PingSourceResource source = Assert.Single(set.Sources);
        Assert.Equal(("application/json", sent), (source.ContentType, Encoding.UTF8.GetString(source.Data!.Value.Span)));
    }

    [Theory]
    [InlineData("sources.knative.dev/v1beta1", "")]
    [InlineData("sources.knative.dev/v1alpha2", "jsonData: ''")]
    [InlineData("sources.knative.dev/v1", "data: ''")]
    public void No_data_sends_no_data_and_no_content_type_from_the_conversion_to_v1beta2_on(string apiVersion, string data)
    {
        PingSourceResource source = Assert.Single(Manifests.Load(OldSource(apiVersion, "PingSource", data)).EnsureValid().Sources);

        CloudNative.CloudEvents.CloudEvent sent = PingSourceEvents.Create(source, DateTimeOffset.UnixEpoch);

        Assert.Equal((null, null), (sent.DataContentType, sent.Data));
    }

    [Theory]
    [InlineData("contentType: text/plain\n  data: hi", "spec.contentType")]
    [InlineData("dataBase64: aGk=", "spec.dataBase64")]
    public void A_field_later_versions_added_is_warned_about_and_the_data_goes_as_json(string fields, string field)
    {
        ManifestLoadResult result = Manifests.Load(OldSource("sources.eventing.knative.dev/v1alpha1", "CronJobSource", fields));

        ManifestDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, field), (warning.Severity, warning.Field));
        Assert.StartsWith("is not a field of sources.eventing.knative.dev/v1alpha1", warning.Message, StringComparison.Ordinal);
        PingSourceResource source = Assert.Single(result.EnsureValid().Sources);
        Assert.Equal("application/json", source.ContentType);
        Assert.StartsWith("{\"body\":", Encoding.UTF8.GetString(source.Data!.Value.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void A_v1alpha1_ping_source_needs_a_schedule_as_Knative_0_13_required_one()
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(OldSource("sources.knative.dev/v1alpha1", "PingSource", "data: hi").Replace("  schedule: \"*/1 * * * *\"\n", "", StringComparison.Ordinal)));

        Assert.Equal("spec.schedule", error.Field);
    }

    private static string OldSource(string apiVersion, string kind, string data) => Manifests.Display + $$"""
        apiVersion: {{apiVersion}}
        kind: {{kind}}
        metadata:
          name: ping
        spec:
          schedule: "*/1 * * * *"
          {{data}}
          sink:
            ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
        """;
}
