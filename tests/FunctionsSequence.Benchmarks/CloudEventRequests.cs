using System.Net.Http.Headers;
using System.Text;

namespace FunctionsSequence.Benchmarks;

/// <summary>The requests every load sends: the seed's PingSource event in binary mode, or several in batch mode.</summary>
internal static class CloudEventRequests
{
    private const string Source = "/apis/v1/namespaces/default/pingsources/bench";
    private const string Type = "dev.knative.sources.ping";

    /// <summary>One event in binary mode: its attributes in <c>ce-</c> headers, its data the body.</summary>
    public static HttpRequestMessage Binary(string route, string id)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = new ByteArrayContent("""{"message": "Hello world!"}"""u8.ToArray()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", id);
        request.Headers.Add("ce-source", Source);
        request.Headers.Add("ce-type", Type);
        return request;
    }

    /// <summary>Sends one event in binary mode; throws unless it was accepted.</summary>
    public static async Task SendBinaryAsync(HttpClient http, string route, string id)
    {
        using HttpRequestMessage request = Binary(route, id);
        using HttpResponseMessage response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Several events in one request, in batch mode (<c>application/cloudevents-batch+json</c>).</summary>
    public static HttpRequestMessage Batch(string route, string[] ids)
    {
        var body = new StringBuilder("[");
        foreach (string id in ids)
        {
            body.Append(body.Length > 1 ? "," : "")
                .Append("""{"specversion":"1.0","id":""").Append('"').Append(id).Append('"')
                .Append($$$""","source":"{{{Source}}}","type":"{{{Type}}}","datacontenttype":"application/json","data":{"message":"Hello world!"}}""");
        }

        var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = new StringContent(body.Append(']').ToString(), Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents-batch+json");
        return request;
    }
}
