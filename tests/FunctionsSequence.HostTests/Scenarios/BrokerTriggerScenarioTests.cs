using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Scenarios;

/// <summary>
/// The seed's scenario 4 fired by the source timer (woken every 5 s): the CronJobSource's event goes
/// through the Broker, its Trigger, the Sequence and back, and only the processed event is
/// displayed, once, as IntegrationTests.SeedScenarioTests expects of fseq.
/// </summary>
[RunsLong(1)]
public sealed class BrokerTriggerScenarioTests
{
    [SkippableFact]
    public async Task Broker_trigger_scenario_fired_by_the_timer_displays_only_the_processed_event_once()
    {
        await using FunctionsHost host = await SeedHosts.StartAsync("4-broker-trigger", SeedHosts.EveryFiveSeconds);

        string id = await FirstTick.FiredEventAsync(host, "CronJobSource cronjob-source");
        string block = await host.Log.WaitForDisplayAsync($"\n  id: {id}\n");
        await Task.Delay(SeedHosts.TimerSettle);

        Assert.Equal(DisplayBlocks.Expected(SeedHosts.Hello, viaBroker: true), DisplayBlocks.Normalize(block));
        Assert.Equal(1, host.Log.Displayed(id));
        Assert.DoesNotContain(host.Log.Blocks, b => b.Contains("dev.knative.cronjob.event", StringComparison.Ordinal));
        Assert.Single(host.Log.Lines($"fired event {id} ")); // the timer wakes every 5 s; the minute's tick fires once
    }
}
