using System.Globalization;
using System.Text.RegularExpressions;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// fseq on storage (Azurite) keeps its sources' cursor beside the task hub, as the Functions app does: the ticks due
/// while it was down fire once it runs again on the same task hub, each with its own time.
/// </summary>
public sealed partial class SourceRestartTests
{
    private static readonly string Yaml = EventDisplayService.With("""
        apiVersion: sources.knative.dev/v1
        kind: PingSource
        metadata: { name: every-two-seconds }
        spec:
          schedule: "*/2 * * * * *"
          data: '{"message": "tick"}'
          sink: { ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display } }
        """);

    [Fact]
    public async Task Ticks_due_while_fseq_was_down_fire_after_it_starts_again()
    {
        await Azurite.EnsureRunningAsync();
        string[] args = ["--store", "azurite", "--task-hub", "ticks" + Guid.NewGuid().ToString("N")[..10]];
        ManifestRun run = await ManifestRun.StartAsync(Yaml, args);
        try
        {
            await run.Fseq.WaitForDisplayAsync("tick");
            Assert.Equal(0, await run.Fseq.StopAsync());
            DateTimeOffset stopped = DateTimeOffset.UtcNow;
            await run.DisposeAsync();
            await Task.Delay(TimeSpan.FromSeconds(5));
            DateTimeOffset restarting = DateTimeOffset.UtcNow;

            run = await ManifestRun.StartAsync(Yaml, args);
            await run.Fseq.WaitForLogAsync("fired event");

            // A tick from the 5 s between the stop and the start is displayed by the process started after them.
            DateTimeOffset[] shown = [];
            for (DateTime deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline && !shown.Any(t => t > stopped && t < restarting); await Task.Delay(200))
            {
                shown = [.. DisplayBlocks.Parse(run.Fseq.Stdout).Select(b => DateTimeOffset.Parse(TimeLine().Match(b).Groups[1].Value, CultureInfo.InvariantCulture))];
            }

            Assert.True(shown.Any(t => t > stopped && t < restarting), $"no tick between {stopped:o} and {restarting:o} among {string.Join(", ", shown.Select(t => t.ToString("o")))}\n{run.Fseq.Stderr}");
        }
        finally
        {
            await run.DisposeAsync();
        }
    }

    [GeneratedRegex(@"\n  time: (\S+)\n")]
    private static partial Regex TimeLine();
}
