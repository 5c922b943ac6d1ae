using System.Net;
using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Recovery;

/// <summary>
/// The same CloudEvent (same source and id) sent to a Sequence again once its first run has
/// finished, as a sender that never saw the first answer would: the Sequence is entered once and
/// the event displayed once, also when the app restarted in between (same task hub).
/// </summary>
[RunsLong(1)]
public sealed class RepeatedEventTests(ReplyDisplayHost fixture) : IClassFixture<ReplyDisplayHost>
{
    /// <summary>How long a second run gets to show (a run of scenario 2 takes well under a second here).</summary>
    private static readonly TimeSpan SecondRunWindow = TimeSpan.FromSeconds(10);

    [SkippableFact]
    public async Task Sent_again_after_its_run_finished_it_is_neither_run_nor_displayed_again()
    {
        FunctionsHost host = fixture.Host;
        string id = "repeat-" + Guid.NewGuid().ToString("N");
        await SendAsync(host, id);
        await DisplayedOnce.AssertAsync(host, id);

        await SendAsync(host, id);
        await WaitForASecondRunAsync(host, id);

        Assert.Equal(1, host.Log.Displayed(id));
        int runs = host.Log.Lines(FirstStep(id)).Count;
        Assert.True(runs == 1, $"the Sequence ran {runs} times for event {id}, expected once");
    }

    [SkippableFact]
    public async Task Sent_again_after_a_restart_on_the_same_task_hub_it_is_displayed_once()
    {
        FunctionsHost host = fixture.Host;
        string id = "restart-" + Guid.NewGuid().ToString("N");
        await SendAsync(host, id);
        await DisplayedOnce.AssertAsync(host, id);

        await host.RestartAsync();
        await SendAsync(host, id);
        await WaitForASecondRunAsync(host, id);

        int displayed = host.Log.Displayed(id);
        Assert.True(displayed == 1, $"event {id} displayed {displayed} times across the restart, expected once (the Sequence ran {host.Log.Lines(FirstStep(id)).Count} times)");
    }

    private static string FirstStep(string id) => $"Sequence sequence step 0 (Service/first): event {id}";

    private static async Task SendAsync(FunctionsHost host, string id)
    {
        using HttpResponseMessage response = await host.Http.SendAsync(CloudEventRequests.Binary("/api/sequences/sequence", id, source: "/repeated-event-tests").WithTime());
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.NotEqual(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>Waits until the event shows a second display, or the window passes (then a late one gets the settle time).</summary>
    private static async Task WaitForASecondRunAsync(FunctionsHost host, string id)
    {
        DateTime until = DateTime.UtcNow + SecondRunWindow;
        while (host.Log.Displayed(id) < 2 && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
        }

        await Task.Delay(DisplayedOnce.Settle);
    }
}
