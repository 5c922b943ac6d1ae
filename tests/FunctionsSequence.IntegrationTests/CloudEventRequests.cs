using System.Text;

namespace FunctionsSequence.IntegrationTests;

/// <summary>Builds the HTTP requests the tests send: CloudEvents in binary mode.</summary>
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
}
