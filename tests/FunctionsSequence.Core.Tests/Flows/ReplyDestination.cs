using System.Collections.Concurrent;
using System.Net;

namespace FunctionsSequence.Core.Tests.Flows;

/// <summary>
/// A reply destination over HTTP that records the id of each event it is sent: it answers 503 to the
/// first request for <c>busyOnce</c> and to every request for <c>down</c>, 422 to every request for
/// <c>refuses</c>, and takes the rest.
/// </summary>
internal sealed class ReplyDestination(string? busyOnce = null, string? refuses = null, string? down = null) : HttpMessageHandler
{
    private readonly ConcurrentQueue<string> received = new();
    private readonly ConcurrentDictionary<string, int> requests = new();

    public IReadOnlyList<string> Received => [.. received];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string id = request.Content!.Headers.GetValues("ce-id").Single(); // binary mode, as HttpStep sends it
        received.Enqueue(id);
        int count = requests.AddOrUpdate(id, 1, (_, n) => n + 1);
        HttpStatusCode status = id == refuses ? HttpStatusCode.UnprocessableEntity
            : id == down || (id == busyOnce && count == 1) ? HttpStatusCode.ServiceUnavailable
            : HttpStatusCode.Accepted;
        return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent("") });
    }
}
