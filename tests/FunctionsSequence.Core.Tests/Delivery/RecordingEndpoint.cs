using System.Collections.Concurrent;
using System.Net;

namespace FunctionsSequence.Core.Tests.Delivery;

/// <summary>
/// HTTP destinations that record each request's URL, Content-Type and whether it carried <c>ce-id</c> as a header
/// (binary mode), and its headers; a URL ending in <c>/fail</c> answers 503, any other 202 with no event.
/// </summary>
internal sealed class RecordingEndpoint : HttpMessageHandler
{
    private readonly ConcurrentQueue<(string Path, string? ContentType, bool Binary)> requests = new();

    public IReadOnlyList<(string Path, string? ContentType, bool Binary)> Requests => [.. requests];

    /// <summary>Each request's path and headers (the content's too), names in lower case.</summary>
    public ConcurrentQueue<(string Path, Dictionary<string, string> Headers)> Received { get; } = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string path = request.RequestUri!.AbsolutePath;
        requests.Enqueue((path, request.Content?.Headers.ContentType?.MediaType, request.Content?.Headers.Contains("ce-id") == true));
        Received.Enqueue((path, request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value))));
        HttpStatusCode status = path.EndsWith("/fail", StringComparison.Ordinal) ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.Accepted;
        return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent("") });
    }
}
