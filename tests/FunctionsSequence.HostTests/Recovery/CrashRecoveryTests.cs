using System.Collections.Concurrent;
using System.Net;
using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.IntegrationTests;
using Xunit.Abstractions;

namespace FunctionsSequence.HostTests.Recovery;

/// <summary>
/// The host and its worker killed hard (SIGKILL to the process group) while events run, then
/// started again on the same task hub: every accepted event is displayed exactly once (a run per
/// event, as IntegrationTests.CrashRecoveryTests proves it for fseq).
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int Events = 200;

    [SkippableFact]
    public async Task Events_in_flight_when_the_host_is_killed_are_displayed_once_after_restart()
    {
        string taskHub = HostSettings.NewTaskHub("crash");
        var settings = new HostSettings(taskHub, "samples/2-reply-display")
        {
            Extra = new Dictionary<string, string>
            {
                ["FunctionsSequence__Batching__MaxEvents"] = "1", // a run per event: exactly once is the rule
                // What the dead worker had dequeued comes back after 1 min (the least Durable allows), not 5.
                ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__controlQueueVisibilityTimeout"] = "00:01:00",
                ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__workItemQueueVisibilityTimeout"] = "00:01:00",
            },
        };
        await using FunctionsHost host = await FunctionsHost.StartAsync(HostAvailability.Ensure(), settings);
        var accepted = new ConcurrentBag<string>();
        using var kill = new CancellationTokenSource();
        var halfAccepted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task sending = Parallel.ForAsync(0, Events, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = kill.Token }, async (i, ct) =>
        {
            string id = $"{taskHub}-{i}";
            try
            {
                using HttpRequestMessage request = CloudEventRequests.Binary("/api/sequences/sequence", id, source: "/host-crash-test");
                using HttpResponseMessage response = await host.Http.SendAsync(request, ct);
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                accepted.Add(id);
                if (accepted.Count >= Events / 2)
                {
                    halfAccepted.TrySetResult();
                }
            }
            catch (Exception) when (kill.IsCancellationRequested)
            {
                // Cut off by the kill: not accepted, so the sender would send it again.
            }
        });

        // The kill lands while events are still being sent, once half are accepted and some displayed,
        // so that it finds orchestrations part-way through their steps.
        await halfAccepted.Task.WaitAsync(TimeSpan.FromSeconds(120));
        await Eventually.UntilAsync(() => host.Log.Blocks.Count >= 20, TimeSpan.FromSeconds(60), () => "fewer than 20 events displayed");
        await kill.CancelAsync();
        await host.KillAsync();
        try
        {
            await sending; // a send refused before the kill fails the test here
        }
        catch (OperationCanceledException)
        {
            // the sends the kill stopped
        }

        int beforeCrash = host.Log.Blocks.Count;
        Assert.True(accepted.Count(id => host.Log.Displayed(id) > 0) < accepted.Count, $"every accepted event ({accepted.Count}) was displayed before the kill: the test proves nothing");

        await host.StartAgainAsync();
        await Eventually.UntilAsync(
            () => accepted.All(id => host.Log.Displayed(id) > 0),
            TimeSpan.FromSeconds(180),
            () => $"{accepted.Count(id => host.Log.Displayed(id) == 0)} of {accepted.Count} accepted events not displayed after the restart");
        await Task.Delay(DisplayedOnce.Settle);

        Dictionary<string, int> counts = host.Log.DisplayedCounts();
        output.WriteLine($"accepted before the kill: {accepted.Count} of {Events}; displayed before the kill: {beforeCrash}; after the restart: {counts.Count - beforeCrash}");
        string[] twice = [.. counts.Where(c => c.Value > 1).Select(c => $"{c.Key} ({c.Value} times)")];
        // An event whose answer the kill cut off may have been accepted all the same: it runs too, once.
        Assert.True(twice.Length == 0, $"{twice.Length} event(s) displayed more than once: {string.Join(", ", twice)}");
    }
}
