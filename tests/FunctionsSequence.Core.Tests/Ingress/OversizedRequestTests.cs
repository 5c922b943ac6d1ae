using FunctionsSequence.Core.Hosting;
using FunctionsSequence.Core.Ingress;
using FunctionsSequence.Core.Manifests;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Tests.Ingress;

/// <summary>
/// A batch of more events than the runtime ever holds in flight could never enter: it is refused as too large (413),
/// which a sender does not retry, not with a 429 whose Retry-After it would obey for ever.
/// </summary>
public sealed class OversizedRequestTests : IAsyncDisposable
{
    private readonly LogLines log = new();
    private readonly FakeDurableClient client = new();
    private readonly ServiceProvider services;

    public OversizedRequestTests()
    {
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Information));
        collection.AddGuarantees(new GuaranteeOptions { TaskHub = "hub", KeepRuns = TimeSpan.FromHours(1), MaxInFlight = 3 });
        collection.AddFunctionsSequence(new ManifestLoader().Load([Manifests.Samples("4-broker-trigger")]).EnsureValid());
        services = collection.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await client.DisposeAsync();
    }

    private async Task<HttpResponse> Send(int events)
    {
        string body = "[" + string.Join(',', Enumerable.Range(0, events).Select(i => $$"""{"specversion":"1.0","id":"e{{events}}-{{i}}","source":"/s","type":"t"}""")) + "]";
        HttpRequest request = IngressRequests.Post(body, "application/cloudevents-batch+json");
        request.PathBase = "/api";
        request.Path = "/sequences/sequence";
        IResult result = await services.GetRequiredService<CloudEventIngress>().HandleAsync(request, IngressTarget.Sequence, "sequence", client, default);
        request.HttpContext.Response.StatusCode = Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode!.Value;
        return request.HttpContext.Response;
    }

    [Fact]
    public async Task A_batch_larger_than_the_events_held_in_flight_is_refused_as_too_large_without_a_retry_after()
    {
        HttpResponse refused = await Send(4);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, refused.StatusCode);
        Assert.False(refused.Headers.ContainsKey("Retry-After"));
        Assert.Empty(client.Scheduled);
        Assert.Equal(
            "POST /api/sequences/sequence refused with 413 Too many events in one request: The request holds 4 events, more than this runtime holds in flight at once "
            + "(3; fseq's --max-in-flight, the Functions app's FunctionsSequence__MaxInFlight), so no wait would let it in; nothing of it was accepted. Send them in batches of at most 3.",
            Assert.Single(log.Entries, e => e.Level == LogLevel.Warning).Text);
        Assert.Equal(StatusCodes.Status202Accepted, (await Send(3)).StatusCode); // as many as it holds go in
    }
}
