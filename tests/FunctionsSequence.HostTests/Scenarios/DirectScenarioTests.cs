using FunctionsSequence.HostTests.Hosting;

namespace FunctionsSequence.HostTests.Scenarios;

/// <summary>
/// The seed's scenario 1 fired by the source timer (woken every 5 s): the CronJobSource's event runs
/// the Sequence's three steps in order, once, as IntegrationTests.SeedScenarioTests expects of fseq.
/// </summary>
[RunsLong(1)]
public sealed class DirectScenarioTests
{
    [SkippableFact]
    public async Task Direct_scenario_fired_by_the_timer_runs_first_second_third_once_in_order()
    {
        await using FunctionsHost host = await SeedHosts.StartAsync("1-direct", SeedHosts.EveryFiveSeconds);

        string id = await FirstTick.FiredEventAsync(host, "CronJobSource cronjob-source");
        string[] steps = [.. new[] { "first", "second", "third" }.Select((service, step) => $"Sequence sequence step {step} (Service/{service}): event {id}")];
        await host.Log.WaitForLineAsync(steps[^1]);
        await Task.Delay(SeedHosts.TimerSettle);

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
}
