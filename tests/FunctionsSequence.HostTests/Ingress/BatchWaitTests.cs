using System.Globalization;
using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Ingress;

/// <summary>IntegrationTests.BatchWaitTests on the Functions host, the wait set as an app setting.</summary>
public sealed class BatchWaitTests
{
    [SkippableFact]
    public async Task With_a_batching_wait_events_sent_together_share_one_run_and_are_each_displayed_once()
    {
        HostCommand command = HostAvailability.Ensure();
        var settings = new HostSettings(HostSettings.NewTaskHub("wait"), "samples/2-reply-display")
        {
            Extra = new Dictionary<string, string>
            {
                ["FunctionsSequence__Batching__MaxWaitMilliseconds"] = BatchWaitScenario.WaitMilliseconds.ToString(CultureInfo.InvariantCulture),
            },
        };
        await using FunctionsHost host = await FunctionsHost.StartAsync(command, settings);

        await BatchWaitScenario.RunAsync(
            host.Http,
            id => Eventually.UntilAsync(() => host.Log.Displayed(id) > 0, TimeSpan.FromSeconds(60), () => $"event {id} not displayed\n{host.Log.Tail()}"),
            () => host.Log.Lines("events share run"),
            host.Log.Displayed);
    }
}
