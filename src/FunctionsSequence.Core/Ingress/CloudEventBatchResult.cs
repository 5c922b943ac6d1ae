using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;
using Microsoft.AspNetCore.Http;

namespace FunctionsSequence.Core.Ingress;

/// <summary>An HTTP response carrying events in batch mode (a Service's replies to a batch-mode request).</summary>
public sealed class CloudEventBatchResult(IReadOnlyList<CloudEvent> events) : IResult
{
    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        HttpResponse response = httpContext.Response;
        byte[] body = CloudEventJson.EncodeBatch(events);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = MediaTypes.Batch + "; charset=utf-8";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}
