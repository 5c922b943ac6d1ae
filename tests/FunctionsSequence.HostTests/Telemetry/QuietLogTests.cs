using System.Net;
using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Telemetry;

/// <summary>
/// The README's quieter log levels (what Application Insights takes, and bills), on the host:
/// event-display's block, printed by the last step's activity, still shows once, while the
/// per-hop lines and the host's execution lines are left out.
/// </summary>
public sealed class QuietLogTests
{
    [SkippableFact]
    public async Task Quiet_log_levels_keep_event_displays_block_and_leave_out_the_hop_lines()
    {
        HostCommand command = HostAvailability.Ensure();
        var settings = new HostSettings(HostSettings.NewTaskHub("quiet"), "samples/2-reply-display")
        {
            HostJsonLogLevels = new Dictionary<string, string>
            {
                ["Function"] = "Warning",
                ["Function.RunStep.User"] = "Information",
                ["Function.DeliverReply.User"] = "Information",
            },
            WorkerLogLevels = new Dictionary<string, string> { ["FunctionsSequence.Core.Flows"] = "Warning" }, // the README's appsettings.json
        };
        await using FunctionsHost host = await FunctionsHost.StartAsync(command, settings);
        string id = "quiet-" + Guid.NewGuid().ToString("N");

        using HttpResponseMessage response = await host.Http.SendAsync(CloudEventRequests.Binary("/api/sequences/sequence", id));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await DisplayedOnce.AssertAsync(host, id);
        Assert.Empty(host.Log.Lines($"event {id}")); // "Sequence sequence step 0 (Service/first): event ID", and the reply's line
        Assert.Empty(host.Log.Lines("Executing 'Functions."));
        Assert.Empty(host.Log.Lines("Distributed Tracing V2")); // the extension's announcement at every start, which host.json's tracing turns off
    }
}
