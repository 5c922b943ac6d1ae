using System.Globalization;
using System.Text.RegularExpressions;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// fseq on storage (Azurite) keeps its sources' cursor beside the task hub, as the Functions app does: the ticks due
/// while it was down fire as it starts again on the same task hub, each with its own time, whenever its next tick is.
/// </summary>
public sealed partial class SourceRestartTests
{
    [Fact]
    public async Task Ticks_due_while_fseq_was_down_fire_as_it_starts_again()
    {
        await Azurite.EnsureRunningAsync();
        string[] args = ["--store", "azurite", "--task-hub", "ticks" + Guid.NewGuid().ToString("N")[..10]];
        ManifestRun run = await ManifestRun.StartAsync(Manifest("*/2 * * * * *"), args);
        try
        {
            await run.Fseq.WaitForDisplayAsync("tick");
            Assert.Equal(0, await run.Fseq.StopAsync());
            await run.DisposeAsync();

            // Started again with the source's one tick a day at a second of the time it was down: only the catch-up fires it.
            DateTimeOffset missed = DateTimeOffset.UtcNow.AddSeconds(1.5);
            missed = new DateTimeOffset(missed.Year, missed.Month, missed.Day, missed.Hour, missed.Minute, missed.Second, TimeSpan.Zero);
            await Task.Delay(missed.AddSeconds(1.5) - DateTimeOffset.UtcNow);
            run = await ManifestRun.StartAsync(Manifest($"{missed.Second} {missed.Minute} {missed.Hour} * * *"), args);

            string block = await run.Fseq.WaitForDisplayAsync("tick", TimeSpan.FromSeconds(20));
            Assert.Equal(missed, DateTimeOffset.Parse(TimeLine().Match(block).Groups[1].Value, CultureInfo.InvariantCulture));
        }
        finally
        {
            await run.DisposeAsync();
        }
    }

    private static string Manifest(string schedule) => EventDisplayService.With($$"""
        apiVersion: sources.knative.dev/v1
        kind: PingSource
        metadata: { name: ticks }
        spec:
          schedule: "{{schedule}}"
          data: '{"message": "tick"}'
          sink: { ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display } }
        """);

    [GeneratedRegex(@"\n  time: (\S+)\n")]
    private static partial Regex TimeLine();
}
