using System.Text.RegularExpressions;

namespace FunctionsSequence.IntegrationTests;

/// <summary>The seed's four scenarios, run from their Knative manifests with <c>fseq run --once</c>.</summary>
public sealed class SeedScenarioTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunOnce(string scenario) =>
        FseqProcess.RunToEndAsync(Timeout, "run", $"samples/{scenario}", "--once", "--port", "0");

    [Fact]
    public async Task Direct_scenario_runs_first_second_third_in_order()
    {
        var (exit, stdout, stderr) = await RunOnce("1-direct");

        Assert.True(exit == 0, stderr);
        string id = Regex.Match(stderr, "fired event ([0-9a-f-]{36})").Groups[1].Value;
        int[] positions = new[] { "first", "second", "third" }
            .Select((service, step) => stderr.IndexOf($"Sequence sequence step {step} (Service/{service}): event {id}", StringComparison.Ordinal))
            .ToArray();
        Assert.All(positions, p => Assert.True(p >= 0, stderr));
        Assert.Equal(positions.Order(), positions);
        Assert.Empty(DisplayBlocks.Parse(stdout));
    }

    [Fact]
    public async Task Reply_scenario_displays_the_processed_event()
    {
        var (exit, stdout, stderr) = await RunOnce("2-reply-display");

        Assert.True(exit == 0, stderr);
        string block = Assert.Single(DisplayBlocks.Parse(stdout));
        Assert.Equal(DisplayBlocks.Expected("Hello world! - Handled by 0 - Handled by 1 - Handled by 2"), DisplayBlocks.Normalize(block));
    }

    [Fact]
    public async Task Cascade_scenario_runs_both_sequences_then_displays()
    {
        var (exit, stdout, stderr) = await RunOnce("3-cascade");

        Assert.True(exit == 0, stderr);
        string block = Assert.Single(DisplayBlocks.Parse(stdout));
        Assert.Equal(
            DisplayBlocks.Expected("Hello world! - Handled by 0 - Handled by 1 - Handled by 2 - Handled by 3 - Handled by 4 - Handled by 5"),
            DisplayBlocks.Normalize(block));
    }

    [Fact]
    public async Task Broker_trigger_scenario_displays_only_the_processed_event_never_the_raw_cron_event()
    {
        var (exit, stdout, stderr) = await RunOnce("4-broker-trigger");

        Assert.True(exit == 0, stderr);
        string block = Assert.Single(DisplayBlocks.Parse(stdout));
        Assert.Equal(DisplayBlocks.Expected("Hello world! - Handled by 0 - Handled by 1 - Handled by 2", viaBroker: true), DisplayBlocks.Normalize(block));
        Assert.DoesNotContain("dev.knative.cronjob.event", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Broker_trigger_scenario_gives_the_same_output_when_checkpointed_once_per_sequence()
    {
        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "run", "samples/4-broker-trigger", "--once", "--port", "0", "--checkpoint", "sequence");

        Assert.True(exit == 0, stderr);
        string block = Assert.Single(DisplayBlocks.Parse(stdout));
        Assert.Equal(DisplayBlocks.Expected("Hello world! - Handled by 0 - Handled by 1 - Handled by 2", viaBroker: true), DisplayBlocks.Normalize(block));
        Assert.Contains("Sequence sequence step 2 (Service/third)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_readmes_main_command_runs_scenario_4_from_the_repository_root()
    {
        // As a user types it (with --no-build: ./test.sh has built it), so that where `dotnet run`
        // starts the app, and how it resolves samples/..., is tested too. Without --port: a run with
        // --once listens on a free port, so it runs while func start (or anything else) holds 7071.
        using var funcStart = HoldPort(7071);
        var info = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            WorkingDirectory = FseqProcess.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in new[] { "run", "--no-build", "--project", "src/FunctionsSequence.Cli", "--", "run", "samples/4-broker-trigger", "--once" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(Timeout);

        Assert.True(process.ExitCode == 0, await stderr);
        Assert.Equal(DisplayBlocks.Expected("Hello world! - Handled by 0 - Handled by 1 - Handled by 2", viaBroker: true), DisplayBlocks.Normalize(Assert.Single(DisplayBlocks.Parse(await stdout))));
    }

    /// <summary>Listens on <paramref name="port"/> if it is free; where something else has it, that holds it as well.</summary>
    private static System.Net.Sockets.TcpListener? HoldPort(int port)
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return listener;
        }
        catch (System.Net.Sockets.SocketException)
        {
            listener.Dispose();
            return null;
        }
    }

    [Fact]
    public async Task Invalid_manifests_stop_before_anything_starts()
    {
        string bad = Path.Combine(Path.GetTempPath(), $"fseq-bad-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(bad, "apiVersion: flows.knative.dev/v1\nkind: Sequence\nmetadata:\n  name: s\nspec:\n  steps: []\n");
        try
        {
            var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "run", bad, "--once", "--port", "0");

            Assert.Equal(1, exit);
            Assert.Contains($"{bad}:6: error: Sequence/s spec.steps: a Sequence needs at least one step", stderr, StringComparison.Ordinal);
            Assert.Contains("fseq: 1 error(s) in the manifests; nothing was started.\n", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("Listening on", stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(bad);
        }
    }

    [Theory]
    [InlineData("1-direct")]
    [InlineData("2-reply-display")]
    [InlineData("3-cascade")]
    [InlineData("4-broker-trigger")]
    [InlineData("5-parallel")]
    [InlineData("custom-step")]
    public async Task Validate_accepts_every_sample_and_exits_zero(string sample)
    {
        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "validate", $"samples/{sample}");

        Assert.True(exit == 0, stderr);
        Assert.StartsWith("OK:", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Odd_even_parallel_answers_by_the_minute_of_the_events_time()
    {
        var (exit, stdout, stderr) = await RunOnce("5-parallel");

        Assert.True(exit == 0, stderr);
        string block = Assert.Single(DisplayBlocks.Parse(stdout));
        DateTimeOffset time = DateTimeOffset.Parse(Regex.Match(block, @"time: (\S+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        long minute = (long)Math.Floor((time.ToUnixTimeMilliseconds() / 60_000d) + 0.5);
        Assert.Contains(minute % 2 == 0 ? "we are even!" : "this is odd!", block, StringComparison.Ordinal);
        Assert.Contains("type: dev.knative.sources.ping", block, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Looping_trigger_is_stopped_by_the_hop_counter_and_reported()
    {
        string loop = Path.Combine(AppContext.BaseDirectory, "TestData", "loop.yaml");

        var (exit, _, stderr) = await FseqProcess.RunToEndAsync(Timeout, "run", loop, "--once", "--port", "0", "--timeout", "80");

        Assert.True(exit == 0, stderr);
        Assert.Contains("warning: Trigger/everything spec.filter: has no filter", stderr, StringComparison.Ordinal);
        Assert.Contains("hop counter (knativebrokerttl) ran out", stderr, StringComparison.Ordinal);
        // 255 passes through the Broker, each one appending once.
        Assert.Equal(255, Regex.Count(stderr, "Trigger everything delivers to Service/echo"));
    }
}
