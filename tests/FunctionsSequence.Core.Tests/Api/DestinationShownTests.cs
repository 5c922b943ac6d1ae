using System.Net;
using System.Text.Json;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.DeadLetters;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Flows;
using FunctionsSequence.Core.Hosting;
using FunctionsSequence.Core.Routing;
using FunctionsSequence.Core.Sequences;
using FunctionsSequence.Core.Topology;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>
/// A destination URI may carry a key in its user info or query (an Azure Functions <c>?code=</c>):
/// every place that shows a destination (log lines, the run record, the dead-letter record and
/// event, the graph) shows scheme, host, port and path only, while the step is called at the URI as written.
/// </summary>
public sealed class DestinationShownTests : IAsyncDisposable
{
    private static readonly string[] Secrets = ["hunter2", "user:", "SECRETKEY", "SIGVALUE", "code=", "sig="];

    private static readonly string Yaml = Manifests.Display + """
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: fails }
        spec:
          steps:
            - uri: "http://user:hunter2@fail.local:9/x?code=SECRETKEY&sig=SIGVALUE"
              delivery:
                retry: 1
                backoffDelay: PT0.01S
                backoffPolicy: exponential
                deadLetterSink: { ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display } }
        ---
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: answers }
        spec:
          steps:
            - uri: "http://user:hunter2@ok.local/step?code=SECRETKEY"
          reply:
            uri: "https://user:hunter2@reply.local/in?sig=SIGVALUE"
        ---
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata:
          name: remote
          annotations:
            functionssequence.dev/url: "https://remote.local/api?code=SECRETKEY"
        ---
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: graph }
        spec:
          steps:
            - uri: "https://user:hunter2@reply.local/in?sig=SIGVALUE"
          reply: { ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: remote } }
        """;

    private readonly LogLines log = new();
    private readonly PrintedBlocks printed = new();
    private readonly FakeDurableClient client = new();
    private readonly Answering http = new();
    private readonly ServiceProvider services;

    public DestinationShownTests()
    {
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Information));
        collection.AddSingleton<IEventDisplaySink>(printed);
        collection.AddSingleton(new HttpClient(http));
        collection.AddFunctionsSequence(Manifests.Load(Yaml).EnsureValid());
        services = collection.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await client.DisposeAsync();
    }

    private async Task<InProcessFlowHops> Run(string sequence, string id)
    {
        var hops = new InProcessFlowHops(
            services.GetRequiredService<HopActivities>(), services.GetRequiredService<DeadLetterActivity>(), client, "test-run", log, CancellationToken.None);
        string json = CloudEventJson.Encode(new CloudEvent { Id = id, Source = new Uri("/test", UriKind.Relative), Type = "t", DataContentType = "text/plain", Data = "hi" });
        await SequencePipeline.RunAsync(services.GetRequiredService<ManifestSet>(), new SequenceRun(sequence, [new RunEvent(json)]), hops);
        return hops;
    }

    private static void AssertShowsNoKey(string text)
    {
        foreach (string secret in Secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_failing_steps_log_lines_run_record_and_dead_letter_show_its_uri_without_user_info_or_query()
    {
        InProcessFlowHops hops = await Run("fails", "ev-1");

        Assert.Equal("Sequence fails step 0 (http://fail.local:9/x): event ev-1", log.Entries.First(e => e.EventId == 1401).Text);
        Assert.StartsWith("Sequence fails step 0 (http://fail.local:9/x): attempt 1/2 failed", Assert.Single(log.Entries, e => e.EventId == 1501).Text, StringComparison.Ordinal);
        Assert.StartsWith("Sequence fails step 0 (http://fail.local:9/x) failed for event ev-1", Assert.Single(log.Entries, e => e.EventId == 1301).Text, StringComparison.Ordinal);
        Assert.All(log.Lines, AssertShowsNoKey);

        AssertShowsNoKey(JsonSerializer.Serialize(hops.LastRecord));
        Assert.Equal("step 0 (http://fail.local:9/x)", hops.LastRecord!.Attempts[0].Hop);

        DeadLetterRecord stored = Assert.Single(await services.GetRequiredService<IDeadLetterStore>().ListAsync(default));
        Assert.Equal("http://fail.local:9/x", stored.Destination);
        Assert.Contains("knativeerrordest: http://fail.local:9/x", Assert.Single(printed.Blocks), StringComparison.Ordinal);
        AssertShowsNoKey(printed.Blocks[0]);

        // What is shown is not what is called: the step still gets its key.
        Assert.All(http.Called.Where(u => u.Host == "fail.local"), u => Assert.Equal(("user:hunter2", "?code=SECRETKEY&sig=SIGVALUE"), (u.UserInfo, u.Query)));
    }

    [Fact]
    public async Task A_reply_uri_is_shown_without_user_info_or_query_and_called_as_written()
    {
        await Run("answers", "ev-2");

        Assert.Equal("Sequence answers reply to https://reply.local/in: event answer-1", Assert.Single(log.Entries, e => e.EventId == 1403).Text);
        Assert.All(log.Lines, AssertShowsNoKey);
        Assert.Contains(http.Called, u => u.Host == "reply.local" && u.Query == "?sig=SIGVALUE" && u.UserInfo == "user:hunter2");
    }

    [Theory]
    [InlineData(TopologyFormat.Mermaid)]
    [InlineData(TopologyFormat.Dot)]
    [InlineData(TopologyFormat.Svg)]
    public void The_graph_shows_step_reply_and_service_urls_without_user_info_or_query(TopologyFormat format)
    {
        string text = TopologyRenderer.Render(TopologyGraph.Of(services.GetRequiredService<ManifestSet>()), format);

        AssertShowsNoKey(text);
        Assert.Contains("reply.local/in", text, StringComparison.Ordinal);
        Assert.Contains("fail.local:9/x", text, StringComparison.Ordinal);
        Assert.Contains("remote.local/api", text, StringComparison.Ordinal);
    }

    /// <summary>Records each URI called; fail.local answers 503, ok.local answers with an event, anything else takes the event.</summary>
    private sealed class Answering : HttpMessageHandler
    {
        private readonly List<Uri> called = [];

        public IReadOnlyList<Uri> Called
        {
            get
            {
                lock (called)
                {
                    return [.. called];
                }
            }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (called)
            {
                called.Add(request.RequestUri!);
            }

            var response = request.RequestUri!.Host switch
            {
                "fail.local" => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("busy") },
                "ok.local" => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("answer") },
                _ => new HttpResponseMessage(HttpStatusCode.Accepted),
            };
            if (request.RequestUri.Host == "ok.local")
            {
                response.Headers.Add("ce-specversion", "1.0");
                response.Headers.Add("ce-id", "answer-1");
                response.Headers.Add("ce-source", "/ok");
                response.Headers.Add("ce-type", "t");
            }

            return Task.FromResult(response);
        }
    }
}
