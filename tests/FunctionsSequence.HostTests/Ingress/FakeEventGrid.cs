using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using FunctionsSequence.Core.Infra;
using FunctionsSequence.Core.Manifests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSequence.HostTests.Ingress;

/// <summary>
/// An Event Grid topic on loopback, as far as the app can tell: it takes what the app publishes to a
/// Broker's topic (a CloudEvents batch, <c>/api/events</c>) and delivers it, as Event Grid does, to
/// each Trigger's subscription: the events its type filter lets through, as one batch, to the
/// Trigger's function on the host's Event Grid webhook. The subscriptions are those
/// <c>fseq export-infra</c> writes for the deployment.
/// </summary>
public sealed class FakeEventGrid : IAsyncDisposable
{
    private readonly List<EventGridSubscription> subscriptions;
    private readonly HttpClient http = new();
    private WebApplication? app;

    public FakeEventGrid(string manifests)
    {
        string folder = Path.GetFullPath(manifests, global::FunctionsSequence.Tests.Shared.RepoRoot.Path);
        subscriptions = [.. EventGridExport.Export(new ManifestLoader().Load([folder]).EnsureValid(), manifests).Triggers];
    }

    /// <summary>The topic endpoint, for <c>FunctionsSequence__Brokers__default__TopicEndpoint</c>.</summary>
    public Uri TopicEndpoint { get; private set; } = null!;

    /// <summary>What each delivery got back: (Trigger, status).</summary>
    public ConcurrentQueue<(string Trigger, HttpStatusCode Status)> Deliveries { get; } = new();

    /// <summary>The app's settings that make Broker <c>default</c> publish to this topic, with a key it takes.</summary>
    public Dictionary<string, string> BrokerSettings() => new()
    {
        ["FunctionsSequence__Brokers__default__TopicEndpoint"] = TopicEndpoint.ToString(),
        ["FunctionsSequence__Brokers__default__KeySetting"] = "TopicKey",
        ["TopicKey"] = "the-stand-in-takes-any-key",
    };

    /// <summary>Events published to the topic.</summary>
    public ConcurrentQueue<string> Published { get; } = new();

    /// <summary>Events of publishes the topic refused, once per publish (the SDK's and the app's tries each count).</summary>
    public ConcurrentQueue<string> Refused { get; } = new();

    /// <summary>When set, the topic answers every publish with this status and <see cref="RefusalAnswer"/>, and takes nothing (a bad request, an outage).</summary>
    public HttpStatusCode? Refusing { get; set; }

    /// <summary>When set, the topic drops every publish's connection without an answer, as a topic out of reach leaves the request unanswered.</summary>
    public bool Unreachable { get; set; }

    /// <summary>The body of a refusal, as Event Grid words its errors.</summary>
    public const string RefusalAnswer = """{"error":{"code":"BadRequest","message":"The stand-in topic refuses publishes."}}""";

    /// <summary>Where each Trigger's deliveries go: set once the host is up.</summary>
    public Func<string, Task<Uri>>? Webhook { get; set; }

    public async Task StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.MapPost("/api/events", async context =>
        {
            if (Unreachable)
            {
                context.Abort();
                return;
            }

            using JsonDocument batch = await JsonDocument.ParseAsync(context.Request.Body);
            JsonElement[] events = [.. batch.RootElement.EnumerateArray().Select(e => e.Clone())];
            if (Refusing is { } refusal)
            {
                foreach (JsonElement e in events)
                {
                    Refused.Enqueue(e.GetProperty("id").GetString()!);
                }

                context.Response.StatusCode = (int)refusal;
                await context.Response.WriteAsync(RefusalAnswer);
                return;
            }

            foreach (JsonElement e in events)
            {
                Published.Enqueue(e.GetProperty("id").GetString()!);
            }

            context.Response.StatusCode = 200;
            _ = Task.Run(() => FanOutAsync(events)); // Event Grid answers the publisher first, then delivers
        });
        await app.StartAsync();
        TopicEndpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/api/events");
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        http.Dispose();
    }

    private async Task FanOutAsync(JsonElement[] events)
    {
        foreach (EventGridSubscription subscription in subscriptions)
        {
            JsonElement[] matching = [.. events.Where(e => subscription.IncludedEventTypes.Count == 0 || subscription.IncludedEventTypes.Contains(e.GetProperty("type").GetString()))];
            if (matching.Length == 0 || Webhook is null)
            {
                continue;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, await Webhook(subscription.Name))
            {
                Content = new StringContent(JsonSerializer.Serialize(matching), Encoding.UTF8, "application/cloudevents-batch+json"),
            };
            request.Headers.Add("aeg-event-type", "Notification");
            using HttpResponseMessage response = await http.SendAsync(request);
            Deliveries.Enqueue((subscription.Name, response.StatusCode));
        }
    }
}
