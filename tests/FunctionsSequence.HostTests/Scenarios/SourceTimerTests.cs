using System.Globalization;
using System.Text.RegularExpressions;
using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Scenarios;

/// <summary>
/// The source timer on the host, woken every 2 s for a PingSource that ticks every 10 s: each tick
/// is displayed once, and the ticks that fell while the app was down are displayed once after it
/// restarts: none lost, none twice.
/// </summary>
[RunsLong(2)]
public sealed partial class SourceTimerTests : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(10);

    private readonly string folder = Directory.CreateTempSubdirectory("fseq-host-ticks-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [SkippableFact]
    public async Task Every_tick_is_displayed_once_across_a_restart()
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "ticks.yaml"), EventDisplayService.With("""
            apiVersion: sources.knative.dev/v1
            kind: PingSource
            metadata: { name: ticks }
            spec:
              schedule: "*/10 * * * * *"
              contentType: application/json
              data: '{"message": "tick"}'
              sink: { ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display } }
            """));
        await using FunctionsHost host = await FunctionsHost.StartAsync(
            HostAvailability.Ensure(), new HostSettings(HostSettings.NewTaskHub("ticks"), folder) { SourceTickSchedule = "*/2 * * * * *" });

        await Eventually.UntilAsync(() => Ticks(host).Count >= 2, TimeSpan.FromSeconds(40), () => "two ticks were not displayed:\n" + host.Log.Tail());
        await host.StopAsync();
        await Task.Delay(Period * 2.5); // at least two ticks fall while the app is down
        await host.StartAgainAsync();
        DateTimeOffset restarted = DateTimeOffset.UtcNow;
        await Eventually.UntilAsync(() => Ticks(host).Count > 0 && Ticks(host).Max() > restarted, TimeSpan.FromSeconds(40), () => "no tick after the restart was displayed:\n" + host.Log.Tail());
        await Task.Delay(TimeSpan.FromSeconds(3)); // a second firing of a tick would show by now

        List<DateTimeOffset> ticks = Ticks(host);
        Assert.True(ticks.Count == ticks.Distinct().Count(), $"ticks displayed twice: {string.Join(", ", ticks.GroupBy(t => t).Where(g => g.Count() > 1).Select(g => g.Key.ToString("HH:mm:ss", CultureInfo.InvariantCulture)))}");
        // Fired once, too, not just displayed once (admission would catch a tick fired twice).
        string[] fired = [.. host.Log.Lines("PingSource ticks fired event ").Select(l => FiredEvent().Match(l).Groups[1].Value)];
        Assert.True(fired.Length == fired.Distinct().Count(), $"ticks fired more than once: {string.Join(", ", fired.GroupBy(f => f).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}"))}");
        List<DateTimeOffset> ordered = [.. ticks.Order()];
        for (int i = 1; i < ordered.Count; i++)
        {
            Assert.True(ordered[i] - ordered[i - 1] == Period, $"no tick displayed between {ordered[i - 1]:HH:mm:ss} and {ordered[i]:HH:mm:ss}; displayed: {string.Join(", ", ordered.Select(t => t.ToString("HH:mm:ss", CultureInfo.InvariantCulture)))}");
        }
    }

    /// <summary>The tick time of every display block (PingSource events carry their tick as <c>time</c>).</summary>
    private static List<DateTimeOffset> Ticks(FunctionsHost host) =>
        [.. host.Log.Blocks.Select(b => TickTime().Match(b)).Where(m => m.Success).Select(m => DateTimeOffset.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"fired event (\S+) to ")]
    private static partial Regex FiredEvent();

    [GeneratedRegex(@"\n  time: (\S+)\n")]
    private static partial Regex TickTime();
}
