using System.Net;
using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Scenarios;

/// <summary>
/// The seed's scenarios 2 and 3, each from its samples/ folder on a host of its own, fired by a
/// CloudEvent posted to the Sequence: each shows what IntegrationTests.SeedScenarioTests expects of
/// fseq, exactly once. Scenarios 1 and 4, fired by the source timer, are DirectScenarioTests and
/// BrokerTriggerScenarioTests.
/// </summary>
[RunsLong(2)]
public sealed class SeedScenarioTests
{
    [SkippableFact]
    public async Task Reply_scenario_displays_the_processed_event_once()
    {
        await using FunctionsHost host = await SeedHosts.StartAsync("2-reply-display");
        string id = "seed2-" + Guid.NewGuid().ToString("N");

        using HttpResponseMessage response = await host.Http.SendAsync(CloudEventRequests.Binary("/api/sequences/sequence", id).WithTime());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(DisplayBlocks.Expected(SeedHosts.Hello), DisplayBlocks.Normalize(await DisplayedOnce.AssertAsync(host, id)));
        Assert.Single(host.Log.Blocks);
        // The worker's console line, which the host logs as Host.Function.Console, says what the app loaded.
        Assert.Contains("reply-display: 1 Sequence(s), 0 Parallel(s), 0 Broker(s), 0 Trigger(s), 1 source(s), 4 Service(s).", Assert.Single(host.Log.Lines("FunctionsSequence: manifests ")), StringComparison.Ordinal);
        // The storage SDK's answers the host expects (a blob or container not there yet, or there already) stay out of the log.
        Assert.Empty(host.Log.Lines("Azure.Core"));
    }

    [SkippableFact]
    public async Task Cascade_scenario_runs_both_sequences_then_displays_once()
    {
        await using FunctionsHost host = await SeedHosts.StartAsync("3-cascade");
        string id = "seed3-" + Guid.NewGuid().ToString("N");

        using HttpResponseMessage response = await host.Http.SendAsync(CloudEventRequests.Binary("/api/sequences/first-sequence", id).WithTime());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(
            DisplayBlocks.Expected(SeedHosts.Hello + " - Handled by 3 - Handled by 4 - Handled by 5"),
            DisplayBlocks.Normalize(await DisplayedOnce.AssertAsync(host, id)));
        Assert.Single(host.Log.Blocks);
    }
}
