using System.Text;
using System.Text.Json.Nodes;

namespace FunctionsSequence.HostTests.Ingress;

/// <summary>Requests as Event Grid makes them to a Trigger's function, and the events a Broker's topic holds.</summary>
internal static class EventGridRequests
{
    /// <summary>An event as a Broker's topic holds it: JSON data, the hop counter it entered with, no <c>time</c>.</summary>
    public static JsonObject Event(string id, string type = "samples.http.mod3") => new()
    {
        ["specversion"] = "1.0",
        ["id"] = id,
        ["source"] = "/event-grid-tests",
        ["type"] = type,
        ["datacontenttype"] = "application/json",
        ["knativebrokerttl"] = 254,
        ["data"] = new JsonObject { ["message"] = "pushed " + id },
    };

    /// <summary>A request as Event Grid makes it to a function's webhook.</summary>
    public static HttpRequestMessage DeliveryTo(Uri webhook, string eventType, string body, string contentType = "application/cloudevents-batch+json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, webhook) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Add("aeg-event-type", eventType);
        return request;
    }
}
