using System.Text;
using FunctionsSequence.Core.Api;

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
        ManifestSet set = Manifests.Load(Manifests.Display + $$"""
            apiVersion: {{apiVersion}}
            kind: {{kind}}
            metadata:
              name: ping
            spec:
              schedule: "*/1 * * * *"
              {{data}}
              sink:
                ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
            """).EnsureValid();

        PingSourceResource source = Assert.Single(set.Sources);
        Assert.Equal(("application/json", sent), (source.ContentType, Encoding.UTF8.GetString(source.Data!.Value.Span)));
    }
}
