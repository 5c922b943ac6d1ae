using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Tests.Shared;

/// <summary>
/// An OTLP/HTTP receiver on 127.0.0.1 (<c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>, protobuf):
/// keeps the spans it is sent, accepts and drops the rest. For a runtime in another process, where
/// an in-memory exporter cannot see.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedSpan> spans = new();

    private OtlpReceiver(WebApplication app) => this.app = app;

    /// <summary>The base endpoint, as OTEL_EXPORTER_OTLP_ENDPOINT takes it.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<ReceivedSpan> Spans => [.. spans];

    public static async Task<OtlpReceiver> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        var receiver = new OtlpReceiver(builder.Build());
        receiver.app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            foreach (ReceivedSpan span in OtlpTraceDecoder.Decode(body.ToArray()))
            {
                receiver.spans.Enqueue(span);
            }

            return Results.Bytes([], "application/x-protobuf");
        });
        receiver.app.MapPost("/v1/{signal}", () => Results.Bytes([], "application/x-protobuf"));
        await receiver.app.StartAsync();
        string address = receiver.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Endpoint = new Uri(address);
        return receiver;
    }

    /// <summary>The spans of one trace as an indented tree of names, children in start order.</summary>
    public static string Tree(IReadOnlyList<ReceivedSpan> trace)
    {
        var ids = trace.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (ReceivedSpan root in trace.Where(s => !ids.Contains(s.ParentSpanId)).OrderBy(s => s.StartNanos))
        {
            Write(root, 0);
        }

        return text.ToString();

        void Write(ReceivedSpan span, int depth)
        {
            text.Append(' ', depth * 2).Append(span.Name).Append('\n');
            foreach (ReceivedSpan child in trace.Where(s => s.ParentSpanId == span.SpanId).OrderBy(s => s.StartNanos))
            {
                Write(child, depth + 1);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
