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
/// stops counting them against its back-pressure bound, rather than for a minute.
/// </summary>
[Collection(LoadedHostsGroup.Name)]
public sealed class ScaleOutBackPressureTests(ITestOutputHelper output)
{
    private const int Bound = 100;
    private const int PerSecond = 15;
    private const int Events = 300;
    private const int MostRefused = 10;

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

        // 20 s at 15/s: counted for a minute, the runs that end on the second instance alone would
        // pass the bound of 100 within about 14 s.
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
        output.WriteLine($"sent in {clock.Elapsed.TotalSeconds:0.0} s; {refused.Count} refused");

        // Still split, so about half the runs ended on the second instance. Counted for a minute, they
        // had 124 of the 300 refused; read as ended, none (a few may be, when runs themselves run slow).
        Assert.Equal(2, (await TaskHubPartitions.OwnersAsync(settings.TaskHub)).Distinct().Count());
        Assert.True(refused.Count <= MostRefused, $"{refused.Count} of {Events} events refused by the first instance: {string.Join(", ", refused.Take(10))}");
        // Every accepted event is displayed (a refused one was never taken: its sender would send it again).
        string[] accepted = [.. ids.Where(id => !refused.Any(r => r.StartsWith(id + " ", StringComparison.Ordinal)))];
        await Eventually.UntilAsync(
            () => accepted.All(id => first.Log.Displayed(id) + second.Log.Displayed(id) > 0),
            TimeSpan.FromSeconds(120),
            () => $"{accepted.Count(id => first.Log.Displayed(id) + second.Log.Displayed(id) == 0)} of {accepted.Length} accepted events not displayed");
        output.WriteLine($"displayed by the first instance: {first.Log.Blocks.Count}, by the second: {second.Log.Blocks.Count}");
    }

    /// <summary>A few events through, so the runs of the measured ones do not wait for the first runs' compilation.</summary>
    private static async Task WarmUpAsync(FunctionsHost first, FunctionsHost second)
    {
        string[] ids = [.. Enumerable.Range(0, 10).Select(i => $"{first.Settings.TaskHub}-warm-{i}")];
        var refused = new ConcurrentBag<string>();
        await Task.WhenAll(ids.Select(id => SendAsync(first, id, Stopwatch.StartNew(), refused)));
        Assert.Empty(refused);
        await Eventually.UntilAsync(
            () => ids.All(id => first.Log.Displayed(id) + second.Log.Displayed(id) > 0),
            TimeSpan.FromSeconds(60),
            () => "the warm-up's events not displayed");
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
