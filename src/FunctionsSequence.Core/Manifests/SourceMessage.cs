using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>
/// The data of a CronJobSource and of a PingSource before v1beta2, as their adapters' <c>message()</c> made it (Knative
/// 0.x <c>cronjobevents/adapter.go</c>, <c>ping/adapter.go</c>, <c>mtping</c> up to 0.19; from 0.20 on, v1alpha2 and
/// v1beta1 were converted to v1beta2 alike): a JSON object (or null) as written, any other text as
/// <c>{"body": text}</c> (the same JSON as Go's, escaped as this app writes JSON), always as application/json. These
/// versions had no <c>contentType</c> or <c>dataBase64</c>.
/// </summary>
internal static class SourceMessage
{
    /// <summary>The API versions read here.</summary>
    public static readonly HashSet<string> Versions = new(StringComparer.Ordinal)
    {
        "sources.eventing.knative.dev/v1alpha1", "sources.knative.dev/v1alpha1", "sources.knative.dev/v1alpha2", "sources.knative.dev/v1beta1",
    };

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Whether <paramref name="apiVersion"/> is a v1alpha1 one, whose sources had to write a schedule.</summary>
    public static bool IsV1Alpha1(string apiVersion) => apiVersion.EndsWith("/v1alpha1", StringComparison.Ordinal);

    /// <summary>
    /// The data in <paramref name="dataField"/> and its content type. A v1alpha1 source with no data sent
    /// <c>{"body":""}</c>; <c>jsonData</c> empty or left out sends none, as the conversion to v1beta2 did. A
    /// <c>contentType</c> or <c>dataBase64</c> is warned about and not used.
    /// </summary>
    public static (ReadOnlyMemory<byte>? Data, string? ContentType) Read(ManifestDocument doc, YamlMappingNode spec, string dataField)
    {
        YamlNodeReader r = doc.Reader;
        foreach (string field in (string[])["contentType", "dataBase64"])
        {
            if (YamlNodeReader.Child(spec, field) is { } node)
            {
                r.Warning(node, $"spec.{field}",
                    $"is not a field of {doc.ApiVersion}, whose adapter sent the {dataField} as application/json (a JSON object as written, other text as {{\"body\": text}}); it is not used");
            }
        }

        KubernetesStrings.Check(r, YamlNodeReader.Child(spec, dataField), $"spec.{dataField}");
        string? text = r.Scalar(spec, dataField, "spec");
        if (dataField == "jsonData" && text is not { Length: > 0 })
        {
            return (null, null);
        }

        byte[] data = text is not null && JsonObjectText.TryParse(text, out _, out _)
            ? Encoding.UTF8.GetBytes(text)
            : JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["body"] = text ?? string.Empty }, Json);
        return (data, SourceReader.JsonContentType);
    }
}
