using System.Collections.Concurrent;
using System.Net;
using Xunit.Abstractions;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// fseq on the Durable Task Azure Storage backend (Azurite, which ./test.sh starts), killed hard
/// while events run and started again: every accepted event reaches event-display, at least once.
/// A print and its ledger record are not one atomic step, so a kill between them prints those
/// events again: at most the one event of each display running at the kill when each event runs
/// alone (rarely any), a run's events when events share runs.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("1", 200, 2)] // a run per event: a duplicate only from a display the kill cut between print and record
    [InlineData("100", 500, 25)] // shared runs: none lost; a duplicate is rare (at most 5% allowed)
    public async Task Events_in_flight_when_the_process_is_killed_are_displayed_once_after_restart(string batch, int events, int duplicatesAllowed)
    {
        await Azurite.EnsureRunningAsync();
        string taskHub = "crash" + Guid.NewGuid().ToString("N")[..10];
        string[] args = ["run", "samples/2-reply-display", "--port", "0", "--store", "azurite", "--task-hub", taskHub, "--batch", batch];
        var accepted = new ConcurrentBag<string>();
        string firstStdout;
        int beforeCrash;

        await using (FseqProcess first = FseqProcess.Start(args))
        {
            using var http = new HttpClient { BaseAddress = await first.WaitUntilListeningAsync() };
            using var kill = new CancellationTokenSource();
            // The kill lands while events are still being sent, just after half were accepted, so
            // the run that took the last of them has only just been scheduled (killing after the
            // last send, or after a number displayed, could find every accepted event done).
            var halfAccepted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Task sending = Parallel.ForAsync(0, events, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = kill.Token }, async (i, ct) =>
            {
                string id = $"{taskHub}-{i}";
                try
                {
                    using HttpRequestMessage request = CloudEventRequests.Binary("/api/sequences/sequence", id, source: "/crash-test");
                    using HttpResponseMessage response = await http.SendAsync(request, ct);
                    Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                    accepted.Add(id);
                    if (accepted.Count >= events / 2)
                    {
                        halfAccepted.TrySetResult();
                    }
                }
                catch (Exception) when (kill.IsCancellationRequested)
                {
                    // Cut off by the kill: not accepted, so the sender would send it again.
                }
            });

            await halfAccepted.Task.WaitAsync(TimeSpan.FromSeconds(60));
            // Let some finish too, so that the kill lands on orchestrations part-way through their steps,
            // and while some accepted event is not displayed yet: a run of up to 100 events prints them all
            // at once, and runs that end together can catch up with the senders.
            DateTime until = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < until && Displayed(first.Stdout) is var shown && (shown.Count < 20 || accepted.All(shown.ContainsKey)))
            {
                await Task.Delay(20);
            }

            // Hard kill while the rest are running; then read all it printed.
            await kill.CancelAsync();
            await first.KillAsync();
            try
            {
                await sending; // a send refused before the kill fails the test here
            }
            catch (OperationCanceledException)
            {
                // the sends the kill stopped
            }

            firstStdout = first.Stdout;
            Dictionary<string, int> displayedBeforeCrash = Displayed(firstStdout);
            beforeCrash = displayedBeforeCrash.Count;
            Assert.True(accepted.Count(displayedBeforeCrash.ContainsKey) < accepted.Count, $"every accepted event ({accepted.Count}) finished before the kill ({beforeCrash} displayed); the test proves nothing");
        }

        await using FseqProcess second = FseqProcess.Start(args);
        using var inspection = new HttpClient { BaseAddress = await second.WaitUntilListeningAsync() };
        DateTime deadline = DateTime.UtcNow.AddSeconds(180); // as the host test: recovering runs through a loaded Azurite is slow
        Dictionary<string, int> counts;
        do
        {
            await Task.Delay(500);
            counts = Displayed(firstStdout + second.Stdout);
        }
        while (!accepted.All(counts.ContainsKey) && DateTime.UtcNow < deadline);
        await Task.Delay(TimeSpan.FromSeconds(2)); // room for a late duplicate to show up

        counts = Displayed(firstStdout + second.Stdout);
        output.WriteLine($"accepted before the kill: {accepted.Count} of {events}; displayed before the kill: {beforeCrash}; after the restart: {counts.Count - beforeCrash}");
        int duplicated = counts.Values.Count(c => c > 1);
        output.WriteLine($"events displayed twice: {duplicated}");
        Assert.True(accepted.Count >= 20, $"only {accepted.Count} event(s) accepted before the kill");
        string[] missing = [.. accepted.Where(id => !counts.ContainsKey(id))];
        Assert.True(missing.Length == 0, $"{missing.Length} accepted event(s) not displayed after the restart; where they are: {await EventReports.WhereAsync(inspection, missing)}; "
            + $"the restarted fseq's last warnings and failures:{Environment.NewLine}{Troubles(second.Stderr)}");
        Assert.All(accepted, id => Assert.True(counts.GetValueOrDefault(id) is 1 or 2, $"{id} displayed {counts.GetValueOrDefault(id)} time(s)"));
        // One whose answer the kill cut off may have been scheduled all the same: it runs too.
        Assert.All(counts, c => Assert.True(c.Value is 1 or 2, $"{c.Key} displayed {c.Value} time(s)"));
        Assert.True(duplicated <= duplicatesAllowed, $"{duplicated} event(s) displayed twice, at most {duplicatesAllowed} allowed: {string.Join(", ", counts.Where(c => c.Value > 1).Select(c => c.Key))}");
    }

    /// <summary>The last warnings and failures fseq logged: what a run left behind was doing is most often in them.</summary>
    private static string Troubles(string stderr) =>
        string.Join(Environment.NewLine, stderr.Split('\n')
            .Where(l => l.Contains(" warn: ", StringComparison.Ordinal) || l.Contains(" fail: ", StringComparison.Ordinal) || l.Contains(" crit: ", StringComparison.Ordinal))
            .TakeLast(40));

    private static Dictionary<string, int> Displayed(string stdout) =>
        stdout.Split('\n')
            .Where(l => l.StartsWith("  id: crash", StringComparison.Ordinal))
            .GroupBy(l => l[6..])
            .ToDictionary(g => g.Key, g => g.Count());
}
