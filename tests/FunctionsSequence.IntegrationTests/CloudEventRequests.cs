using System.Text;
using System.Text.Json;

namespace FunctionsSequence.IntegrationTests;

/// <summary>Builds the HTTP requests the tests send: CloudEvents in binary mode, or several in batch mode.</summary>
internal static class CloudEventRequests
{
    public static HttpRequestMessage Binary(string path, string id, string type = "dev.knative.cronjob.event", string source = "/apis/v1/namespaces/default/cronjobsources/cronjob-source", string data = """{"message": "Hello world!"}""")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(data, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", id);
        request.Headers.Add("ce-source", source);
        request.Headers.Add("ce-type", type);
        return request;
    }

    /// <summary>The events, with their ids and types, in one batch-mode request (<c>application/cloudevents-batch+json</c>).</summary>
    public static HttpRequestMessage Batch(string path, IEnumerable<(string Id, string Type)> events, string source = "/batch-test")
    {
        string body = JsonSerializer.Serialize(events.Select(e => new Dictionary<string, object>
        {
            ["specversion"] = "1.0",
            ["id"] = e.Id,
            ["source"] = source,
            ["type"] = e.Type,
            ["datacontenttype"] = "application/json",
            ["data"] = new { message = "hi" },
        }));
        return new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/cloudevents-batch+json"),
        };
    }
}
