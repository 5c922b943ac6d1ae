using System.Text.Json;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// <c>fseq runs</c> and <c>fseq event</c> against a running fseq with a failing step and a
/// dead-lettering one: over its HTTP API (in memory), and straight from the task hub in Azurite
/// (<c>--store azurite</c>) while fseq runs on it. Tables and <c>--output json</c>.
/// </summary>
public sealed class InspectionTests(StepServer steps) : IClassFixture<StepServer>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly HttpClient http = new();

    public void Dispose() => http.Dispose();

    [Theory]
    [InlineData("http")]
    [InlineData("azurite")]
    public async Task A_failed_run_and_a_dead_lettered_event_show_where_they_went_hop_by_hop(string from)
    {
        string manifest = await WriteManifestAsync();
        string taskHub = $"inspect{Guid.NewGuid():N}"[..20];
        string[] store = from == "azurite" ? ["--store", "azurite", "--task-hub", taskHub] : [];
        if (from == "azurite")
        {
            await Azurite.EnsureRunningAsync();
        }

        await using FseqProcess fseq = FseqProcess.Start(["run", manifest, "--port", "0", .. store]);
        Uri address = await fseq.WaitUntilListeningAsync();
        string[] source = from == "azurite" ? store : ["--url", address.ToString()];
        string failing = $"fail-{Guid.NewGuid():N}";
        string lettered = $"dls-{Guid.NewGuid():N}";
        (await http.SendAsync(CloudEventRequests.Binary(new Uri(address, "/api/sequences/failing").ToString(), failing))).EnsureSuccessStatusCode();
        (await http.SendAsync(CloudEventRequests.Binary(new Uri(address, "/api/sequences/lettered").ToString(), lettered))).EnsureSuccessStatusCode();
        await steps.WaitAtAsync("/dls", lettered);

        // The dead-lettered event's run completes (its sink took the event), so in memory it is purged
        // seconds later: it is looked at first.
        await WaitForAsync(["event", lettered, "--output", "json", .. source], r => r.GetProperty("runs")[0].GetProperty("run").GetProperty("status").GetString() == "completed");
        var (exit, table, stderr) = await FseqProcess.RunToEndAsync(Timeout, ["event", lettered, .. source]);
        Assert.True(exit == 0, stderr);
        Assert.Contains($"Sequence/lettered  run seq:lettered:", table, StringComparison.Ordinal);
        Assert.Matches($@"step 0 \({steps.BaseAddress}reject\)\s+1\s+\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{{3}}Z\s+\S+ \S+Z\s+dead-lettered to {steps.BaseAddress}dls\s+422: ", table);

        // The other fails for its refused step, with no dead-letter sink.
        JsonElement runs = await WaitForAsync(["runs", "--status", "failed", "--sequence", "failing", "--output", "json", .. source], r => r.GetArrayLength() == 1);
        JsonElement run = runs[0];
        Assert.Equal(("Sequence", "failing", "failed"), (run.GetProperty("kind").GetString(), run.GetProperty("target").GetString(), run.GetProperty("status").GetString()));
        Assert.Equal(failing, run.GetProperty("eventIds")[0].GetString());
        Assert.Contains("failed after 1 attempt(s)", run.GetProperty("failure").GetString(), StringComparison.Ordinal);

        (exit, table, stderr) = await FseqProcess.RunToEndAsync(Timeout, ["runs", "--status", "failed", .. source]);
        Assert.True(exit == 0, stderr);
        string line = Assert.Single(table.Split('\n'), l => l.Contains(failing, StringComparison.Ordinal));
        Assert.Matches($@"^seq:failing:\S+\s+Sequence/failing\s+failed\s+\S+ \S+Z\s+{failing}\s+4\s+0\s+Sequence failing step 1", line);
        Assert.StartsWith("RUN ", table, StringComparison.Ordinal);

        JsonElement report = await WaitForAsync(["event", failing, "--output", "json", .. source], r => r.GetProperty("runs").GetArrayLength() == 1);
        JsonElement hops = report.GetProperty("runs")[0].GetProperty("events")[0].GetProperty("hops");
        Assert.Equal(2, hops.GetArrayLength());
        Assert.Equal((3, "ok", 503), (hops[0].GetProperty("attempts").GetInt32(), hops[0].GetProperty("result").GetString(), hops[0].GetProperty("status").GetInt32()));
        Assert.Equal((1, "failed", 422), (hops[1].GetProperty("attempts").GetInt32(), hops[1].GetProperty("result").GetString(), hops[1].GetProperty("status").GetInt32()));
        Assert.StartsWith($"step 1 ({steps.BaseAddress}reject)", hops[1].GetProperty("hop").GetString(), StringComparison.Ordinal);

        (exit, _, stderr) = await FseqProcess.RunToEndAsync(Timeout, ["event", "no-such-event", .. source]);
        Assert.Equal(1, exit);
        Assert.Contains("fseq: no run carries an event with id 'no-such-event'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_state_is_a_usage_error_and_an_unreachable_fseq_says_where_it_looked()
    {
        var (exit, _, stderr) = await FseqProcess.RunToEndAsync(Timeout, "runs", "--status", "broken");
        Assert.Equal(64, exit);
        Assert.Contains("fseq: --status needs failed, running, pending or completed, not 'broken'", stderr, StringComparison.Ordinal);

        (exit, _, stderr) = await FseqProcess.RunToEndAsync(Timeout, "runs", "--url", "http://127.0.0.1:9");
        Assert.Equal(1, exit);
        Assert.Contains("fseq: cannot reach http://127.0.0.1:9/", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_hub_that_is_not_in_the_storage_is_named_and_left_uncreated()
    {
        await Azurite.EnsureRunningAsync();
        string taskHub = "nohub" + Guid.NewGuid().ToString("N")[..12];
        foreach (string[] command in new[] { new[] { "runs" }, ["event", "x"], ["redrive", "list"], ["redrive", "import"] })
        {
            var (exit, _, stderr) = await FseqProcess.RunToEndAsync(Timeout, [.. command, "--store", "azurite", "--task-hub", taskHub]);
            Assert.Equal(1, exit);
            Assert.Contains($"there is no task hub '{taskHub}' in Azurite (no table {taskHub}Instances)", stderr, StringComparison.Ordinal);
            Assert.Contains("Azurite's table names are case-sensitive", stderr, StringComparison.Ordinal);
        }

        var tables = new Azure.Data.Tables.TableServiceClient(Cli.Engine.EngineOptions.Azurite);
        await foreach (Azure.Data.Tables.Models.TableItem table in tables.QueryAsync(t => t.Name.CompareTo(taskHub) >= 0 && t.Name.CompareTo(taskHub + "~") < 0))
        {
            Assert.Fail($"table {table.Name} was created");
        }
    }

    /// <summary>Runs the command until its JSON satisfies <paramref name="done"/> (runs end a moment after their last hop).</summary>
    private static async Task<JsonElement> WaitForAsync(string[] args, Func<JsonElement, bool> done)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (true)
        {
            var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, args);
            if (exit == 0 && JsonDocument.Parse(stdout).RootElement is var json && done(json))
            {
                return json.Clone();
            }

            Assert.False(deadline.IsCancellationRequested, $"fseq {string.Join(' ', args)} never showed what was expected:\n{stdout}\n{stderr}");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    private async Task<string> WriteManifestAsync()
    {
        string Url(string path) => new Uri(steps.BaseAddress, path).ToString();
        string manifest = Path.Combine(Path.GetTempPath(), $"fseq-inspect-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(manifest, $$"""
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: failing
            spec:
              steps:
                - uri: {{Url("/flaky")}}
                  delivery: { retry: 3, backoffPolicy: exponential, backoffDelay: PT0.1S }
                - uri: {{Url("/reject")}}
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: lettered
            spec:
              steps:
                - uri: {{Url("/reject")}}
                  delivery:
                    deadLetterSink: { uri: {{Url("/dls")}} }
            """);
        return manifest;
    }
}
