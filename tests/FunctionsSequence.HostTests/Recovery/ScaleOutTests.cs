using System.Collections.Concurrent;
using System.Net;
using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.IntegrationTests;
using Xunit.Abstractions;

namespace FunctionsSequence.HostTests.Recovery;

/// <summary>
/// Two instances of the app on one task hub (and one host id), as Azure runs an app scaled out:
/// events sent to either, some to both (a sender that retried through the load balancer), are each
/// displayed exactly once across the two, also when the copies reach both in the same moment.
/// </summary>
[Collection(LoadedHostsGroup.Name)]
public sealed class ScaleOutTests(ITestOutputHelper output)
{
    private const int Events = 400;
    private const int Copies = 100;

    [SkippableFact]
    public async Task Events_sent_to_two_instances_on_one_task_hub_some_to_both_are_each_displayed_once()
    {
        HostCommand command = HostAvailability.Ensure();
        var settings = new HostSettings(HostSettings.NewTaskHub("scale"), "samples/2-reply-display");
        await using FunctionsHost first = await FunctionsHost.StartAsync(command, settings);
        await using FunctionsHost second = await FunctionsHost.StartAsync(command, settings);
        output.WriteLine($"control queues held by {await TaskHubPartitions.SplitAsync(settings.TaskHub, 2, TimeSpan.FromSeconds(90))}");
        FunctionsHost[] hosts = [first, second];
        string[] ids = [.. Enumerable.Range(0, Events).Select(i => $"{settings.TaskHub}-{i}")];
        // Every event to one instance, in turn; every tenth to the other one as well.
        (string Id, FunctionsHost Host)[] sends = [.. ids.SelectMany((id, i) => i % 10 == 0
            ? new[] { (id, hosts[i % 2]), (id, hosts[(i + 1) % 2]) }
            : [(id, hosts[i % 2])])];
        var statuses = new ConcurrentBag<HttpStatusCode>();

        await Parallel.ForEachAsync(sends, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (send, ct) =>
        {
            using HttpRequestMessage request = CloudEventRequests.Binary("/api/sequences/sequence", send.Id, source: "/host-scale-out-test");
            using HttpResponseMessage response = await send.Host.Http.SendAsync(request, ct);
            statuses.Add(response.StatusCode);
        });

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Accepted, status));
        await AssertEachDisplayedOnceAsync(first, second, ids, TimeSpan.FromSeconds(180));
    }

    [SkippableFact]
    public async Task Copies_of_an_event_sent_to_the_display_of_two_instances_at_once_print_once()
    {
        HostCommand command = HostAvailability.Ensure();
        var settings = new HostSettings(HostSettings.NewTaskHub("copies"), "samples/2-reply-display");
        await using FunctionsHost first = await FunctionsHost.StartAsync(command, settings);
        await using FunctionsHost second = await FunctionsHost.StartAsync(command, settings);
        FunctionsHost[] hosts = [first, second];
        string[] ids = [.. Enumerable.Range(0, Copies).Select(i => $"{settings.TaskHub}-{i}")];

        // Each event to both instances in the same moment: a sender that retried through the load
        // balancer before the first answer came. Both ask the ledger before either has printed.
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
        {
            HttpResponseMessage[] responses = await Task.WhenAll(hosts.Select(h => h.Http.SendAsync(CloudEventRequests.Binary("/api/display", id, source: "/host-display-copies-test"), ct)));
            foreach (HttpResponseMessage response in responses)
            {
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                response.Dispose();
            }
        });

        await AssertEachDisplayedOnceAsync(first, second, ids, TimeSpan.FromSeconds(60));
    }

    /// <summary>Waits until each event is displayed by one of the two instances, then long enough for a second display, and checks there is none.</summary>
    private async Task AssertEachDisplayedOnceAsync(FunctionsHost first, FunctionsHost second, string[] ids, TimeSpan within)
    {
        int Displayed(string id) => first.Log.Displayed(id) + second.Log.Displayed(id);
        await Eventually.UntilAsync(
            () => ids.All(id => Displayed(id) > 0),
            within,
            () => $"{ids.Count(id => Displayed(id) == 0)} of {ids.Length} events not displayed");
        await Task.Delay(DisplayedOnce.Settle);

        output.WriteLine($"displayed by the first instance: {first.Log.Blocks.Count}, by the second: {second.Log.Blocks.Count}");
        string[] twice = [.. ids.Where(id => Displayed(id) > 1).Select(id => $"{id} ({first.Log.Displayed(id)} + {second.Log.Displayed(id)})")];
        Assert.True(twice.Length == 0, $"{twice.Length} of {ids.Length} event(s) displayed more than once (first + second instance): {string.Join(", ", twice.Take(20))}");
    }
}
