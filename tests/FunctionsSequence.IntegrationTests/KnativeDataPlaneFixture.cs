using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// Knative's eventshub receivers, served by the test on loopback, and one <c>fseq run</c> of
/// <see cref="KnativeDataPlaneScenario"/> calling them. Each path keeps what reaches it:
/// <c>/sink/NAME</c> answers 202 with nothing; <c>/append/NAME?s=X</c> answers the event with X appended to its
/// data as text (<c>ReplyWithAppendedData</c>); <c>/transform/NAME?type=&amp;source=&amp;data=</c> (or
/// <c>repeat=N</c> for <c>{"msg":"X...X"}</c>) answers the event with those replaced (<c>ReplyWithTransformedEvent</c>);
/// <c>/drop/NAME?n=&amp;code=&amp;body=&amp;location=</c> answers the first n requests for an event with code (409, as eventshub's
/// <c>DropFirstN</c>), body (or the bytes of base64 <c>body64</c>) and Location header, then 202, or the event itself with <c>echo=1</c>.
/// </summary>
public sealed class KnativeDataPlaneFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, int> counts = new();
    private WebApplication? app;
    private ManifestRun? run;

    public ConcurrentQueue<(string Path, Dictionary<string, string> Headers, string Body)> Received { get; } = new();

    public Uri Recorder { get; private set; } = null!;

    public HttpClient Http => run!.Http;

    internal FseqProcess Fseq => run!.Fseq;

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.MapPost("/{kind}/{name}", Receive);
        await app.StartAsync();
        Recorder = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        run = await ManifestRun.StartAsync(KnativeDataPlaneScenario.Manifest(Recorder));
    }

    public async Task DisposeAsync()
    {
        if (run is not null)
        {
            await run.DisposeAsync();
        }

        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    public IReadOnlyList<(Dictionary<string, string> Headers, string Body)> At(string path, string id) =>
        Received.Where(r => r.Path == path && r.Headers.GetValueOrDefault("ce-id") == id).Select(r => (r.Headers, r.Body)).ToList();

    /// <summary>Waits up to 60 s until <paramref name="count"/> requests for <paramref name="id"/> reached <paramref name="path"/>, then 1.5 s for any extra to show.</summary>
    public async Task<IReadOnlyList<(Dictionary<string, string> Headers, string Body)>> WaitAtAsync(string path, string id, int count = 1)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (At(path, id).Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{At(path, id).Count} of {count} request(s) for {id} at {path}\n{Fseq.Stderr}");
            }

            await Task.Delay(50);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        return At(path, id);
    }

    private async Task Receive(HttpContext context, string kind)
    {
        HttpRequest request = context.Request;
        byte[] body;
        using (var buffer = new MemoryStream())
        {
            await request.Body.CopyToAsync(buffer);
            body = buffer.ToArray();
        }

        // Kestrel reuses a request's header collection once it ends: keep a copy.
        var headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Received.Enqueue((request.Path, headers, Encoding.UTF8.GetString(body)));
        int attempt = counts.AddOrUpdate($"{request.Path} {headers.GetValueOrDefault("ce-id")}", 1, (_, n) => n + 1);
        IQueryCollection query = request.Query;
        switch (kind)
        {
            case "drop" when attempt <= int.Parse(query["n"].ToString(), System.Globalization.CultureInfo.InvariantCulture):
                context.Response.StatusCode = query.ContainsKey("code") ? int.Parse(query["code"].ToString(), System.Globalization.CultureInfo.InvariantCulture) : 409;
                if (query.ContainsKey("location"))
                {
                    context.Response.Headers.Location = query["location"].ToString();
                }

                byte[] answer = query.ContainsKey("body64") ? Convert.FromBase64String(query["body64"].ToString()) : Encoding.UTF8.GetBytes(query["body"].ToString());
                await context.Response.Body.WriteAsync(answer);
                return;
            case "drop" when query.ContainsKey("echo"):
                await ReplyAsync(context, headers, request.ContentType, body);
                return;
            case "append":
                await ReplyAsync(context, headers, "text/plain", Encoding.UTF8.GetBytes(AsText(request.ContentType, body) + query["s"]));
                return;
            case "transform":
                headers = new(headers, StringComparer.OrdinalIgnoreCase) { ["ce-type"] = query["type"].ToString(), ["ce-source"] = query["source"].ToString() };
                string data = query.ContainsKey("repeat")
                    ? $$"""{"msg":"{{new string('X', int.Parse(query["repeat"].ToString(), System.Globalization.CultureInfo.InvariantCulture))}}"}"""
                    : query["data"].ToString();
                await ReplyAsync(context, headers, "application/json", Encoding.UTF8.GetBytes(data));
                return;
            case "plain":
                context.Response.StatusCode = 200;
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("OK");
                return;
            default:
                context.Response.StatusCode = 202;
                return;
        }
    }

    /// <summary>The data as eventshub's <c>DataAs(&amp;string)</c> reads it: JSON that is a string gives it, other JSON nothing, anything else its text.</summary>
    private static string AsText(string? contentType, byte[] body)
    {
        if (body.Length == 0 || contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Encoding.UTF8.GetString(body);
        }

        using JsonDocument json = JsonDocument.Parse(body);
        return json.RootElement.ValueKind == JsonValueKind.String ? json.RootElement.GetString()! : string.Empty;
    }

    /// <summary>Answers 200 with an event in binary mode: the request's ce-* headers as given, the data and its type.</summary>
    private static async Task ReplyAsync(HttpContext context, Dictionary<string, string> headers, string? contentType, byte[] data)
    {
        context.Response.StatusCode = 200;
        foreach ((string name, string value) in headers.Where(h => h.Key.StartsWith("ce-", StringComparison.Ordinal)))
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = contentType;
        await context.Response.Body.WriteAsync(data);
    }
}
