using System.Collections.Concurrent;
using System.Net;

namespace FunctionsSequence.Core.Tests.Delivery;

/// <summary>
/// HTTP destinations that record each request's URL, Content-Type and whether it carried <c>ce-id</c> as a header
/// (binary mode); a URL ending in <c>/fail</c> answers 503, any other 202 with no event.
/// </summary>
internal sealed class RecordingEndpoint : HttpMessageHandler
{
    private readonly ConcurrentQueue<(string Path, string? ContentType, bool Binary)> requests = new();

    public IReadOnlyList<(string Path, string? ContentType, bool Binary)> Requests => [.. requests];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string path = request.RequestUri!.AbsolutePath;
        requests.Enqueue((path, request.Content?.Headers.ContentType?.MediaType, request.Content?.Headers.Contains("ce-id") == true));
        HttpStatusCode status = path.EndsWith("/fail", StringComparison.Ordinal) ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.Accepted;
        return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent("") });
    }
}
