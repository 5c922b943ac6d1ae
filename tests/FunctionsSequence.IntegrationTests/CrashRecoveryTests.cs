using System.Collections.Concurrent;
using System.Net;
using Xunit.Abstractions;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// fseq on the Durable Task Azure Storage backend (Azurite, which ./test.sh starts), killed hard
/// while events run and started again: every accepted event reaches event-display; exactly once
/// when each event runs alone; at least once when events share runs, where a kill during a run's
/// display prints those events again (a print and its ledger record are not one atomic step).
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("1", 200, 0)] // a run per event: exactly once
    [InlineData("100", 500, 25)] // shared runs: none lost; a duplicate is rare (at most 5% allowed)
    public async Task Events_in_flight_when_the_process_is_killed_are_displayed_once_after_restart(string batch, int events, int duplicatesAllowed)
    {
        await Azurite.EnsureRunningAsync();
        string taskHub = "crash" + Guid.NewGuid().ToString("N")[..10];
        string[] args = ["run", "samples/2-reply-display", "--port", "0", "--store", "azurite", "--task-hub", taskHub, "--batch", batch];
        var accepted = new ConcurrentBag<string>();
        string firstStdout;

        await using (FseqProcess first = FseqProcess.Start(args))
        {
            using var http = new HttpClient { BaseAddress = await first.WaitUntilListeningAsync() };
            await Parallel.ForAsync(0, events, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            {
                string id = $"{taskHub}-{i}";
                using HttpRequestMessage request = CloudEventRequests.Binary("/api/sequences/sequence", id, source: "/crash-test");
                using HttpResponseMessage response = await http.SendAsync(request, ct);
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                accepted.Add(id);
            });

            // Let some finish, so that the kill lands on orchestrations part-way through their steps too.
            DateTime until = DateTime.UtcNow.AddSeconds(30);
            while (Displayed(first.Stdout).Count < 20 && DateTime.UtcNow < until)
            {
                await Task.Delay(20);
            }

            // Hard kill while the rest are running; then read all it printed.
            await first.KillAsync();
            firstStdout = first.Stdout;
        }

        int beforeCrash = Displayed(firstStdout).Count;
        Assert.True(beforeCrash < events, "everything finished before the kill; the test proves nothing");

        await using FseqProcess second = FseqProcess.Start(args);
        await second.WaitUntilListeningAsync();
        DateTime deadline = DateTime.UtcNow.AddSeconds(120);
        Dictionary<string, int> counts;
        do
        {
            await Task.Delay(500);
            counts = Displayed(firstStdout + second.Stdout);
        }
        while (counts.Count < events && DateTime.UtcNow < deadline);
        await Task.Delay(TimeSpan.FromSeconds(2)); // room for a late duplicate to show up

        counts = Displayed(firstStdout + second.Stdout);
        output.WriteLine($"displayed before the kill: {beforeCrash}; after the restart: {counts.Count - beforeCrash}");
        int duplicated = counts.Values.Count(c => c > 1);
        output.WriteLine($"events displayed twice: {duplicated}");
        Assert.Equal(events, accepted.Count);
        Assert.All(accepted, id => Assert.True(counts.GetValueOrDefault(id) is 1 or 2, $"{id} displayed {counts.GetValueOrDefault(id)} time(s)"));
        Assert.Equal(events, counts.Count);
        Assert.True(duplicated <= duplicatesAllowed, $"{duplicated} event(s) displayed twice, at most {duplicatesAllowed} allowed: {string.Join(", ", counts.Where(c => c.Value > 1).Select(c => c.Key))}");
    }

    private static Dictionary<string, int> Displayed(string stdout) =>
        stdout.Split('\n')
            .Where(l => l.StartsWith("  id: crash", StringComparison.Ordinal))
            .GroupBy(l => l[6..])
            .ToDictionary(g => g.Key, g => g.Count());
}
