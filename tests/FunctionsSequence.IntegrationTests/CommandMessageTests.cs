using System.Text.Json;
using FunctionsSequence.Core.Inspection;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// What fseq says when a command finds nothing to do or is pointed at the wrong thing: a Trigger given
/// to <c>runs --sequence</c> or with <c>--trigger</c>, a dead letter that is not there, nothing to redrive, <c>--once</c> without sources.
/// </summary>
public sealed class CommandMessageTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient http = new();

    public void Dispose() => http.Dispose();

    [Theory]
    [InlineData("list")]
    [InlineData("send", "--all")]
    public async Task Redrive_says_where_it_found_no_app(params string[] args)
    {
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        string url = $"http://127.0.0.1:{((System.Net.IPEndPoint)closed.LocalEndpoint).Port}/";
        closed.Stop();

        var (exit, _, stderr) = await FseqProcess.RunToEndAsync(Timeout, ["redrive", .. args, "--url", url]);

        Assert.True(exit == 1, stderr);
        Assert.StartsWith($"fseq: cannot {(args[0] == "list" ? "list dead letters" : "redrive")} at {url}: ", stderr, StringComparison.Ordinal);
        Assert.EndsWith(" (is fseq run going there?)\n", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_and_redrive_say_what_they_did_not_find()
    {
        await using FseqProcess fseq = FseqProcess.Start("run", "samples/4-broker-trigger", "--port", "0");
        string url = (await fseq.WaitUntilListeningAsync()).ToString();
        string id = $"hint-{Guid.NewGuid():N}";
        (await http.SendAsync(CloudEventRequests.Binary(new Uri(new Uri(url), "/api/brokers/default").ToString(), id))).EnsureSuccessStatusCode();
        await WaitForTriggerRunAsync(url, id);

        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "runs", "--sequence", "sequence-trigger", "--url", url);
        Assert.True(exit == 0, stderr);
        Assert.Empty(stdout);
        Assert.Equal("fseq: no runs of a Sequence named 'sequence-trigger'; sequence-trigger is a Trigger: give --trigger sequence-trigger\n", stderr);

        (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "runs", "--trigger", "sequence-trigger", "--url", url, "--output", "json");
        Assert.True(exit == 0, stderr);
        Assert.Contains(JsonSerializer.Deserialize<List<RunSummary>>(stdout, InspectionApi.Json)!, r => r.Kind == "Trigger" && r.Target == "sequence-trigger" && r.EventIds.Contains(id));

        using (HttpResponseMessage both = await http.GetAsync(new Uri(new Uri(url), "/api/runs?parallel=p&trigger=sequence-trigger")))
        {
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, both.StatusCode);
            Assert.Contains("give at most one of sequence, parallel, trigger: a run has one target (Parallel p and Trigger sequence-trigger were asked for)", await both.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        (exit, _, stderr) = await FseqProcess.RunToEndAsync(Timeout, "runs", "--parallel", "sequence-trigger", "--url", url);
        Assert.True(exit == 0, stderr);
        Assert.Equal("fseq: no runs of a Parallel named 'sequence-trigger'; sequence-trigger is a Trigger: give --trigger sequence-trigger\n", stderr);

        (exit, _, stderr) = await FseqProcess.RunToEndAsync(Timeout, "runs", "--sequence", "sequence", "--trigger", "sequence-trigger", "--url", url);
        Assert.NotEqual(0, exit);
        Assert.Contains("runs takes at most one of --sequence, --parallel, --trigger: a run has one target", stderr, StringComparison.Ordinal);

        (exit, _, stderr) = await FseqProcess.RunToEndAsync(Timeout, "runs", "--sequence", "nothing-by-this-name", "--url", url);
        Assert.True(exit == 0, stderr);
        Assert.Equal("fseq: no runs of a Sequence named 'nothing-by-this-name'\n", stderr);

        (exit, _, stderr) = await FseqProcess.RunToEndAsync(Timeout, "runs", "--status", "failed", "--url", url);
        Assert.True(exit == 0, stderr);
        Assert.Equal("fseq: no failed runs\n", stderr);

        (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "redrive", "send", "nothere", "--url", url);
        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Equal("fseq: there is no dead letter 'nothere' (fseq redrive list shows them)\n", stderr);

        (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "redrive", "send", "--all", "--url", url);
        Assert.Equal(0, exit);
        Assert.Empty(stdout);
        Assert.Equal("fseq: no dead letters to redrive (every one kept was redriven before, or there are none)\n", stderr);
    }

    [Fact]
    public async Task Once_counts_the_events_that_went_to_a_dead_letter_sink_and_still_exits_0()
    {
        // Dead-lettered is handled, as in Knative, but a run used as a check is told it happened.
        string manifest = Path.Combine(Path.GetTempPath(), $"fseq-lettered-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(manifest, """
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata:
              name: event-display
            spec:
              template:
                spec:
                  containers:
                    - image: gcr.io/knative-releases/knative.dev/eventing/cmd/event_display
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: lettered
            spec:
              steps:
                - uri: http://127.0.0.1:1/
                  delivery:
                    deadLetterSink: { ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display } }
            ---
            apiVersion: sources.knative.dev/v1
            kind: PingSource
            metadata:
              name: ping
            spec:
              schedule: "*/1 * * * *"
              data: '{"message": "hi"}'
              sink: { ref: { apiVersion: flows.knative.dev/v1, kind: Sequence, name: lettered } }
            """);
        try
        {
            var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "run", manifest, "--port", "0", "--once");

            Assert.True(exit == 0, stderr);
            Assert.Contains("knativeerrordest: http://127.0.0.1:1/", stdout, StringComparison.Ordinal);
            Assert.Matches(@"info: Every event settled\n[\d:.]+ info: 1 event\(s\) went to a dead-letter sink on the way\n", stderr);
        }
        finally
        {
            File.Delete(manifest);
        }
    }

    [Fact]
    public async Task Once_without_sources_is_refused_before_storage_is_touched()
    {
        // A store where nothing listens: reaching for it first would be a different error, after seconds.
        string nowhere = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String("placeholder, never sent"u8)};"
            + "BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1";
        string manifest = Path.Combine(Path.GetTempPath(), $"fseq-nosource-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(manifest, """
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata:
              name: somewhere
              annotations:
                functionssequence.dev/url: http://127.0.0.1:9/
            spec:
              template:
                spec:
                  containers:
                    - image: example.com/somewhere
            """);
        try
        {
            var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "run", manifest, "--port", "0", "--once", "--store", nowhere);

            Assert.Equal(64, exit); // a mistake on the command line, which only the manifests show
            Assert.Empty(stdout);
            Assert.Equal("fseq: --once fires sources, and the manifests have none (add a PingSource or CronJobSource).\nRun 'fseq run --help' for usage.\n", stderr);
        }
        finally
        {
            File.Delete(manifest);
        }
    }

    private static async Task WaitForTriggerRunAsync(string url, string eventId)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (true)
        {
            var (exit, stdout, _) = await FseqProcess.RunToEndAsync(Timeout, "event", eventId, "--url", url);
            if (exit == 0 && stdout.Contains("Trigger/sequence-trigger", StringComparison.Ordinal))
            {
                return;
            }

            Assert.False(deadline.IsCancellationRequested, $"no Trigger run carried {eventId}:\n{stdout}");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }
}
