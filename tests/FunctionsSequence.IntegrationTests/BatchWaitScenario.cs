using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// Scenario 2's Sequence on an app with a batching wait, for fseq and the Functions host alike:
/// a lone event starts at once, and events sent within the wait after its run started gather and
/// share one run while slots are free, each displayed once.
/// </summary>
public static partial class BatchWaitScenario
{
    /// <summary>The app's wait: long enough that a burst sent at once falls within it on a slow machine.</summary>
    public const int WaitMilliseconds = 3000;

    private const int Burst = 6;

    /// <summary>
    /// Sends one event to warm the app up (a cold host may take longer than the wait to accept it),
    /// then, the wait later, a lone event (its run starts at once, the last run having started that
    /// long ago) and, as soon as it is accepted, a burst at once, well within the wait; checks that
    /// the burst shared one run and that every event was displayed once.
    /// </summary>
    /// <param name="http">A client of the app, its base address set.</param>
    /// <param name="waitForDisplay">Waits until the event with this id is displayed.</param>
    /// <param name="logLines">The lines the app has logged so far.</param>
    /// <param name="displayed">How often the event with this id has been displayed.</param>
    public static async Task RunAsync(HttpClient http, Func<string, Task> waitForDisplay, Func<IEnumerable<string>> logLines, Func<string, int> displayed)
    {
        ArgumentNullException.ThrowIfNull(waitForDisplay);
        ArgumentNullException.ThrowIfNull(logLines);
        ArgumentNullException.ThrowIfNull(displayed);
        string prefix = "wait-" + Guid.NewGuid().ToString("N")[..12];
        await SendAsync(http, prefix + "-cold");
        await Task.Delay(WaitMilliseconds);
        await SendAsync(http, prefix + "-warm");

        string[] ids = [.. Enumerable.Range(0, Burst).Select(i => $"{prefix}-{i}")];
        await Task.WhenAll(ids.Select(id => SendAsync(http, id)));

        // At least the burst: the sample's cron source may fire into the same run.
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (!logLines().Any(line => SharedRun().Match(line) is { Success: true } m && int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) >= Burst))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no run shared by the {Burst} events of the burst; runs shared: {string.Join("; ", logLines().Where(line => SharedRun().IsMatch(line)))}");
            await Task.Delay(50);
        }

        foreach (string id in ids.Prepend(prefix + "-warm").Prepend(prefix + "-cold"))
        {
            await waitForDisplay(id);
        }

        await Task.Delay(TimeSpan.FromSeconds(1)); // room for a second display to show up
        Assert.All(ids, id => Assert.Equal(1, displayed(id)));
    }

    private static async Task SendAsync(HttpClient http, string id)
    {
        using HttpResponseMessage response = await http.SendAsync(CloudEventRequests.Binary("/api/sequences/sequence", id, source: "/batch-wait-scenario"));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"event {id}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [GeneratedRegex(@"Sequence sequence: (\d+) events share run ")]
    private static partial Regex SharedRun();
}
