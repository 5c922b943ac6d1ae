using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.IntegrationTests;
using Xunit.Abstractions;

namespace FunctionsSequence.HostTests.Recovery;

/// <summary>
/// Two instances of the app on one task hub, events sent to the first only: the runs whose control
/// queue the second instance holds end there, unseen by the first, which reads their status and
/// stops counting them against its back-pressure bound, rather than for the 10 minutes after which
/// it forgets them. Refusals while the events are sent depend on how fast the machine runs them, so
/// the bound is checked once they have all ended: the first instance, idle, must take a burst of
/// nearly its bound within a minute, which it refuses while runs that ended on the second still count.
/// </summary>
[Collection(LoadedHostsGroup.Name)]
public sealed class ScaleOutBackPressureTests(ITestOutputHelper output)
{
    private const int Bound = 100;
    private const int PerSecond = 15;
    private const int Events = 300;
    private const int Burst = Bound - 10;

    [SkippableFact]
    public async Task Runs_that_end_on_the_other_instance_stop_counting_toward_the_bound_of_the_one_that_started_them()
    {
        HostCommand command = HostAvailability.Ensure();
        var settings = new HostSettings(HostSettings.NewTaskHub("ends"), "samples/2-reply-display")
        {
            Extra = new Dictionary<string, string> { ["FunctionsSequence__MaxInFlight"] = Bound.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        await using FunctionsHost first = await FunctionsHost.StartAsync(command, settings);
        await using FunctionsHost second = await FunctionsHost.StartAsync(command, settings);
        output.WriteLine($"control queues held by {await TaskHubPartitions.SplitAsync(settings.TaskHub, 2, TimeSpan.FromSeconds(90))}");
        await WarmUpAsync(first, second);

        // 20 s at 15/s: about half the runs end on the second instance, which alone would pass the
        // bound of 100 within about 14 s if they were not read as ended.
        string[] ids = [.. Enumerable.Range(0, Events).Select(i => $"{settings.TaskHub}-{i}")];
        var refused = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        var sends = new List<Task>();
        for (int i = 0; i < ids.Length; i++)
        {
            TimeSpan due = TimeSpan.FromSeconds((double)i / PerSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            sends.Add(SendAsync(first, ids[i], clock, refused));
        }

        await Task.WhenAll(sends);
        output.WriteLine($"sent in {clock.Elapsed.TotalSeconds:0.0} s; {refused.Count} refused while runs were slow or still counted: {string.Join(", ", refused.Take(10))}");

        // Still split, so about half the runs ended on the second instance.
        Assert.Equal(2, (await TaskHubPartitions.OwnersAsync(settings.TaskHub)).Distinct().Count());
        await DisplayedAsync(first, second, Accepted(ids, refused));

        // Idle now, the first instance takes a burst of nearly its bound. Counted until forgotten, the
        // runs that ended on the second (about 150 events) would have it refuse most of every burst
        // for 10 minutes; on a slow machine, a burst may still meet runs of the last one ending, read
        // as ended at most as long after their end as they ran (InFlightRuns.TakeDueForCheck).
        int attempt = 0;
        var burstRefused = new ConcurrentBag<string>();
        await Eventually.UntilAsync(
            async () =>
            {
                string[] burst = [.. Enumerable.Range(0, Burst).Select(i => $"{settings.TaskHub}-burst{attempt}-{i}")];
                attempt++;
                burstRefused.Clear();
                await Task.WhenAll(burst.Select(id => SendAsync(first, id, clock, burstRefused)));
                await DisplayedAsync(first, second, Accepted(burst, burstRefused));
                output.WriteLine($"burst {attempt} at {clock.Elapsed.TotalSeconds:0.0} s: {burstRefused.Count} of {Burst} refused");
                if (burstRefused.IsEmpty)
                {
                    return true;
                }

                await Task.Delay(TimeSpan.FromSeconds(2)); // for the runs still counted to end, or be read as ended
                return false;
            },
            TimeSpan.FromMinutes(1),
            () => $"{burstRefused.Count} of a burst of {Burst} refused by the idle first instance, {attempt} bursts: {string.Join(", ", burstRefused.Take(3))}");
        output.WriteLine($"displayed by the first instance: {first.Log.Blocks.Count}, by the second: {second.Log.Blocks.Count}");
    }

    /// <summary>The events not refused: a refused one was never taken (its sender would send it again).</summary>
    private static string[] Accepted(string[] ids, ConcurrentBag<string> refused) =>
        [.. ids.Where(id => !refused.Any(r => r.StartsWith(id + " ", StringComparison.Ordinal)))];

    /// <summary>Waits until every accepted event is displayed, by either instance.</summary>
    private static Task DisplayedAsync(FunctionsHost first, FunctionsHost second, string[] accepted) =>
        Eventually.UntilAsync(
            () => accepted.All(id => first.Log.Displayed(id) + second.Log.Displayed(id) > 0),
            TimeSpan.FromSeconds(120),
            () => $"{accepted.Count(id => first.Log.Displayed(id) + second.Log.Displayed(id) == 0)} of {accepted.Length} accepted events not displayed");

    /// <summary>A few events through, so the runs of the measured ones do not wait for the first runs' compilation.</summary>
    private static async Task WarmUpAsync(FunctionsHost first, FunctionsHost second)
    {
        string[] ids = [.. Enumerable.Range(0, 10).Select(i => $"{first.Settings.TaskHub}-warm-{i}")];
        var refused = new ConcurrentBag<string>();
        await Task.WhenAll(ids.Select(id => SendAsync(first, id, Stopwatch.StartNew(), refused)));
        Assert.Empty(refused);
        await DisplayedAsync(first, second, ids);
    }

    private static async Task SendAsync(FunctionsHost host, string id, Stopwatch clock, ConcurrentBag<string> refused)
    {
        using HttpRequestMessage request = CloudEventRequests.Binary("/api/sequences/sequence", id, source: "/host-scale-out-bound-test");
        using HttpResponseMessage response = await host.Http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            refused.Add($"{id} at {clock.Elapsed.TotalSeconds:0.0} s: {(int)response.StatusCode}");
        }
    }
}
