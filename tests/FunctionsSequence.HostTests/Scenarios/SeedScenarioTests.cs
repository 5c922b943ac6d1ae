using System.Net;
using System.Text.RegularExpressions;
using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Scenarios;

/// <summary>
/// The seed's four scenarios, each from its samples/ folder on a host of its own: 1 and 4 fired by
/// the source timer (SourceTimer, woken every 5 s), 2 and 3 by a CloudEvent posted to the Sequence.
/// Each shows what IntegrationTests.SeedScenarioTests expects of fseq, exactly once.
/// </summary>
public sealed partial class SeedScenarioTests
{
    private const string Hello = "Hello world! - Handled by 0 - Handled by 1 - Handled by 2";

    /// <summary>Longer than one timer period: time for a second firing of the same tick to show.</summary>
    private static readonly TimeSpan TimerSettle = TimeSpan.FromSeconds(7);

    private static Task<FunctionsHost> StartAsync(string scenario, string schedule = HostSettings.NeverTick) =>
        FunctionsHost.StartAsync(
            HostAvailability.Ensure(),
            new HostSettings(HostSettings.NewTaskHub("seed" + scenario[0]), $"samples/{scenario}") { SourceTickSchedule = schedule });

    [SkippableFact]
    public async Task Direct_scenario_fired_by_the_timer_runs_first_second_third_once_in_order()
    {
        await using FunctionsHost host = await StartAsync("1-direct", "*/5 * * * * *");

        string id = await FiredEventAsync(host);
        string[] steps = [.. new[] { "first", "second", "third" }.Select((service, step) => $"Sequence sequence step {step} (Service/{service}): event {id}")];
        await host.Log.WaitForLineAsync(steps[^1]);
        await Task.Delay(TimerSettle);

        string log = host.Log.Text;
        int[] positions = [.. steps.Select(step => log.IndexOf(step, StringComparison.Ordinal))];
        Assert.Equal(positions.Order(), positions);
        Assert.Empty(host.Log.Blocks);
        int fired = host.Log.Lines($"fired event {id} ").Count;
        Assert.True(fired == 1, $"the source fired event {id} {fired} times, expected once (the timer wakes every 5 s)");
        Assert.All(steps, step =>
        {
            int runs = host.Log.Lines(step).Count;
            Assert.True(runs == 1, $"'{step}' logged {runs} times, expected once (the source fired event {id} {fired} times)");
        });
    }

    [SkippableFact]
    public async Task Reply_scenario_displays_the_processed_event_once()
    {
        await using FunctionsHost host = await StartAsync("2-reply-display");
        string id = "seed2-" + Guid.NewGuid().ToString("N");

        using HttpResponseMessage response = await host.Http.SendAsync(CloudEventRequests.Binary("/api/sequences/sequence", id).WithTime());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(DisplayBlocks.Expected(Hello), DisplayBlocks.Normalize(await DisplayedOnce.AssertAsync(host, id)));
        Assert.Single(host.Log.Blocks);
        // The worker's console line, which the host logs as Host.Function.Console, says what the app loaded.
        Assert.Contains("reply-display: 1 Sequence(s), 0 Parallel(s), 0 Broker(s), 0 Trigger(s), 1 source(s), 4 Service(s).", Assert.Single(host.Log.Lines("FunctionsSequence: manifests ")), StringComparison.Ordinal);
        // The storage SDK's answers the host expects (a blob or container not there yet, or there already) stay out of the log.
        Assert.Empty(host.Log.Lines("Azure.Core"));
    }

    [SkippableFact]
    public async Task Cascade_scenario_runs_both_sequences_then_displays_once()
    {
        await using FunctionsHost host = await StartAsync("3-cascade");
        string id = "seed3-" + Guid.NewGuid().ToString("N");

        using HttpResponseMessage response = await host.Http.SendAsync(CloudEventRequests.Binary("/api/sequences/first-sequence", id).WithTime());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(
            DisplayBlocks.Expected(Hello + " - Handled by 3 - Handled by 4 - Handled by 5"),
            DisplayBlocks.Normalize(await DisplayedOnce.AssertAsync(host, id)));
        Assert.Single(host.Log.Blocks);
    }

    [SkippableFact]
    public async Task Broker_trigger_scenario_fired_by_the_timer_displays_only_the_processed_event_once()
    {
        await using FunctionsHost host = await StartAsync("4-broker-trigger", "*/5 * * * * *");

        string id = await FiredEventAsync(host);
        string block = await host.Log.WaitForDisplayAsync($"\n  id: {id}\n");
        await Task.Delay(TimerSettle);

        Assert.Equal(DisplayBlocks.Expected(Hello, viaBroker: true), DisplayBlocks.Normalize(block));
        Assert.Equal(1, host.Log.Displayed(id));
        Assert.DoesNotContain(host.Log.Blocks, b => b.Contains("dev.knative.cronjob.event", StringComparison.Ordinal));
        Assert.Single(host.Log.Lines($"fired event {id} ")); // the timer wakes every 5 s; the minute's tick fires once
    }

    /// <summary>The id of the first event the source timer fires (the tick of the minute before its first wake).</summary>
    private static async Task<string> FiredEventAsync(FunctionsHost host)
    {
        string line = await host.Log.WaitForLineAsync("CronJobSource cronjob-source fired event ", FirstTick.Within);
        return FiredEvent().Match(line).Groups[1].Value;
    }

    [GeneratedRegex(@"fired event (\S+) to ")]
    private static partial Regex FiredEvent();
}
