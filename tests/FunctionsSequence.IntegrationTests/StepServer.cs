using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// HTTP steps and sinks served by the test, on loopback: one that fails twice per event then
/// answers, a sink that fails twice for some events, one that echoes after a second, one that always refuses with 422, one that answers after the timeout, one whose reply
/// is an invalid CloudEvent, one that reads structured mode and asks to be retried later, sinks that record what
/// reaches them (with when), and web pages where
/// fseq's routes would be.
/// </summary>
public sealed class StepServer : IAsyncLifetime
{
    private WebApplication? app;

    public ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> Attempts { get; } = new();

    public ConcurrentQueue<(string Path, Dictionary<string, string> Headers, string Body)> Received { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.MapPost("/flaky", async context =>
        {
            string id = Record(context);
            if (Attempts[$"/flaky {id}"].Count <= 2)
            {
                context.Response.StatusCode = 503;
                return;
            }

            // Reply in binary mode: same id and source, new type and data.
            context.Response.StatusCode = 200;
            foreach (string name in new[] { "ce-specversion", "ce-id", "ce-source" })
            {
                context.Response.Headers[name] = context.Request.Headers[name];
            }

            context.Response.Headers["ce-type"] = "test.flaky.done";
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"message":"made it"}""");
        });
        // A dead-letter sink that is unavailable twice, then keeps the event.
        app.MapPost("/flaky-dls", context => KeepAfterTwoFailures(context, flaky: true));
        // A reply destination that is unavailable twice for an event of type test.flaky, refuses one of type
        // test.refused (422, which Knative does not retry) and keeps every other at once.
        app.MapPost("/flaky-for-some", async context =>
        {
            if (context.Request.Headers["ce-type"] == "test.refused")
            {
                Record(context);
                context.Response.StatusCode = 422;
                return;
            }

            await KeepAfterTwoFailures(context, flaky: context.Request.Headers["ce-type"] == "test.flaky");
        });
        app.MapPost("/reject", async context =>
        {
            Record(context);
            context.Response.StatusCode = 422;
            await context.Response.WriteAsync("nope");
        });
        // A destination that has moved: a sender that followed it would deliver the event to the sink.
        app.MapPost("/moved", context =>
        {
            Record(context);
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = "/sink";
            return Task.CompletedTask;
        });
        // A destination that never takes an event: each request is counted and answered 503.
        app.MapPost("/down", context =>
        {
            Record(context);
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        app.MapPost("/slow", async context =>
        {
            Record(context);
            await Task.Delay(TimeSpan.FromSeconds(3), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            context.Response.StatusCode = 202;
        });
        app.MapPost("/garbage", async context =>
        {
            Record(context);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("this is not a CloudEvent");
        });
        app.MapPost("/bad-reply", async context =>
        {
            // A structured-mode reply that claims to be a CloudEvent and lacks its type.
            string id = Record(context);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/cloudevents+json; charset=utf-8";
            await context.Response.WriteAsync($$"""{"specversion":"1.0","id":"{{id}}","source":"/bad-reply"}""");
        });
        app.MapPost("/echo", async context =>
        {
            Record(context);
            await Echo(context);
        });
        // Answers with the event, its type marked: a test tells the answer from the event the step was given.
        app.MapPost("/answer", async context =>
        {
            Record(context);
            await Echo(context, type: "test.answered");
        });
        app.MapPost("/hold", async context =>
        {
            // Echoes after a second (or ?s=N seconds): the events it is given stay in flight that long.
            Record(context);
            double seconds = double.TryParse(context.Request.Query["s"], System.Globalization.CultureInfo.InvariantCulture, out double s) ? s : 1;
            await Task.Delay(TimeSpan.FromSeconds(seconds), context.RequestAborted);
            await Echo(context);
        });
        app.MapPost("/busy", Busy);
        app.MapPost("/grow", async context =>
        {
            // Answers with the event, its data replaced by JSON of ?mb=N megabytes: an answer larger than gRPC's 4 MB default.
            Record(context);
            int megabytes = int.Parse(context.Request.Query["mb"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
            context.Response.StatusCode = 200;
            foreach ((string name, var value) in context.Request.Headers.Where(h => h.Key.StartsWith("ce-", StringComparison.OrdinalIgnoreCase)))
            {
                context.Response.Headers[name] = value;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{"padding":"{{new string('x', megabytes << 20)}}"}""");
        });
        // Not fseq: a web page at every address under /web-page/, for commands pointed at the wrong server.
        app.MapGet("/web-page/{**path}", () => Results.Content("<html><body>a web page</body></html>", "text/html"));
        app.MapPost("/sink", async context => await Keep(context));
        app.MapPost("/dls", async context => await Keep(context));
        await app.StartAsync();
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    public IReadOnlyList<DateTimeOffset> AttemptsOf(string path, string id) =>
        Attempts.TryGetValue($"{path} {id}", out var times) ? times.ToList() : [];

    public IReadOnlyList<(Dictionary<string, string> Headers, string Body)> At(string path, string id) =>
        Received.Where(r => r.Path == path && r.Headers.GetValueOrDefault("ce-id") == id).Select(r => (r.Headers, r.Body)).ToList();

    /// <summary>The first request with <paramref name="id"/> at <paramref name="path"/>, waited for up to 90 s: on the Functions host over Azurite a flow with retries is tens of polled queue hops.</summary>
    public async Task<(Dictionary<string, string> Headers, string Body)> WaitAtAsync(string path, string id)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (At(path, id) is [var first, ..])
            {
                return first;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"nothing for {id} at {path}");
    }

    /// <summary>
    /// A step that reads events in structured mode: at an event's first attempt it answers 429 asking for 3 s with
    /// <c>Retry-After</c>, then replies in binary mode. Each attempt is kept in <see cref="Received"/>, found by its body.
    /// </summary>
    private async Task Busy(HttpContext context)
    {
        string body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Received.Enqueue((context.Request.Path, headers, body));
        using var json = System.Text.Json.JsonDocument.Parse(body); // a binary-mode request's data has no id: the step fails it
        string id = json.RootElement.GetProperty("id").GetString()!;
        var attempts = Attempts.GetOrAdd($"/busy {id}", _ => new());
        attempts.Enqueue(DateTimeOffset.UtcNow);
        if (attempts.Count == 1)
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "3";
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.Headers["ce-specversion"] = "1.0";
        context.Response.Headers["ce-id"] = id;
        context.Response.Headers["ce-source"] = json.RootElement.GetProperty("source").GetString();
        context.Response.Headers["ce-type"] = "test.busy.done";
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("""{"message":"waited"}""");
    }

    /// <summary>Answers with the event it was given, in binary mode.</summary>
    private static async Task Echo(HttpContext context, string? type = null)
    {
        context.Response.StatusCode = 200;
        foreach ((string name, var value) in context.Request.Headers.Where(h => h.Key.StartsWith("ce-", StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.Headers[name] = value;
        }

        if (type is not null)
        {
            context.Response.Headers["ce-type"] = type;
        }

        context.Response.ContentType = context.Request.ContentType;
        await context.Request.Body.CopyToAsync(context.Response.Body);
    }

    private string Record(HttpContext context)
    {
        string id = context.Request.Headers["ce-id"].ToString();
        Attempts.GetOrAdd($"{context.Request.Path} {id}", _ => new()).Enqueue(DateTimeOffset.UtcNow);
        return id;
    }

    /// <summary>Answers 503 to the first two requests for an event when <paramref name="flaky"/>, and keeps every other request.</summary>
    private async Task KeepAfterTwoFailures(HttpContext context, bool flaky)
    {
        string id = Record(context);
        if (flaky && Attempts[$"{context.Request.Path} {id}"].Count <= 2)
        {
            context.Response.StatusCode = 503;
            return;
        }

        await Keep(context);
    }

    private async Task Keep(HttpContext context)
    {
        string body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        // Kestrel reuses a request's header collection once it ends: keep a copy.
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Received.Enqueue((context.Request.Path, headers, body));
        context.Response.StatusCode = 202;
    }
}
