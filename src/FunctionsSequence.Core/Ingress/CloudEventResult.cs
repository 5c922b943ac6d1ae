using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;
using Microsoft.AspNetCore.Http;

namespace FunctionsSequence.Core.Ingress;

/// <summary>An HTTP response carrying an event in binary mode (a Service's reply).</summary>
public sealed class CloudEventResult(CloudEvent cloudEvent) : IResult
{
    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        HttpResponse response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        using HttpRequestMessage message = CloudEventHttpWriter.CreateBinaryRequest(new Uri("http://localhost/"), cloudEvent);
        foreach ((string name, IEnumerable<string> values) in message.Content!.Headers)
        {
            response.Headers[name] = values.ToArray();
        }

        byte[] body = CloudEventJson.GetDataBytes(cloudEvent);
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}
