namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// How <c>fseq run</c> ends: quietly, with only its own report of what failed, and with a warning
/// when the in-memory engine takes accepted events with it.
/// </summary>
public sealed class ShutdownTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    // A run that stays in flight: its step refuses connections, and the next attempt is a minute away.
    private const string StuckSequence = """
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata:
          name: stuck
        spec:
          steps:
            - uri: http://127.0.0.1:1/
              delivery: { retry: 3, backoffPolicy: linear, backoffDelay: PT60S }
        """;

    [Fact]
    public async Task Stopped_with_runs_in_flight_in_memory_it_warns_that_they_are_lost()
    {
        await using ManifestRun run = await ManifestRun.StartAsync(StuckSequence);
        await AcceptAsync(run, "stuck-memory-" + Guid.NewGuid().ToString("N"));

        int exit = await run.Fseq.StopAsync();

        Assert.Equal(0, exit);
        Assert.Contains("info: State in memory: runs in flight when fseq stops are lost (--store azurite keeps them)\n", run.Fseq.Stderr, StringComparison.Ordinal);
        Assert.Contains("warn: Stopping with 1 run(s) in flight (1 event(s)): the in-memory store loses them; use --store azurite to keep them across restarts\n", run.Fseq.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopped_with_runs_in_flight_on_storage_it_does_not_warn()
    {
        await Azurite.EnsureRunningAsync();
        string taskHub = "stopping" + Guid.NewGuid().ToString("N")[..10];
        await using ManifestRun run = await ManifestRun.StartAsync(StuckSequence, "--store", "azurite", "--task-hub", taskHub);
        await AcceptAsync(run, "stuck-storage-" + Guid.NewGuid().ToString("N"));

        int exit = await run.Fseq.StopAsync();

        Assert.Equal(0, exit);
        Assert.Contains($"info: State in Azurite, task hub {taskHub}: runs in flight when fseq stops go on when it starts again\n", run.Fseq.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Stopping with", run.Fseq.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_once_run_reports_its_failure_and_nothing_from_the_stopping_engine()
    {
        string manifest = Path.Combine(AppContext.BaseDirectory, "TestData", "unreachable-step.yaml");

        // The worker's cancelled calls showed up in most runs, not all: a few runs at once make a miss unlikely.
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => FseqProcess.RunToEndAsync(Timeout, "run", manifest, "--once", "--port", "0")));

        foreach (var (exit, _, stderr) in runs)
        {
            Assert.True(exit == 1, stderr);
            Assert.True(stderr.Contains("fseq: 1 failure(s):\n  seq:unreachable:", StringComparison.Ordinal), stderr);
            // The whole of stderr in the message: a line the formatter let through says which exception, at what moment.
            Assert.False(stderr.Contains("Microsoft.DurableTask", StringComparison.Ordinal), stderr);
            Assert.False(stderr.Contains("RpcException", StringComparison.Ordinal), stderr);
        }
    }

    /// <summary>Sends one event to the stuck Sequence and waits until its first attempt has failed (the run is under way).</summary>
    private static async Task AcceptAsync(ManifestRun run, string id)
    {
        using (HttpRequestMessage request = CloudEventRequests.Binary("/api/sequences/stuck", id, source: "/shutdown-tests", data: """{"message":"hi"}"""))
        using (HttpResponseMessage response = await run.Http.SendAsync(request))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        }

        DateTime deadline = DateTime.UtcNow + Timeout;
        while (!run.Fseq.Stderr.Contains("retrying in 60 s", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, run.Fseq.Stderr);
            await Task.Delay(100);
        }
    }
}
