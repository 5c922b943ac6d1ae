using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Delivery;

/// <summary>
/// The host stopped gracefully (SIGTERM, as a deploy or scale-in stops it) while a step runs: after the restart the
/// step runs again once the work-item queue's visibility timeout (host.json: 1 minute, where Durable's default is 5)
/// has passed, and the event reaches the reply once.
/// </summary>
[Collection(DeliveryHostGroup.Name)]
public sealed class GracefulStopTests(DeliveryHost fixture)
{
    /// <summary>A Sequence whose one step answers after 8 s, so that a stop lands while it runs.</summary>
    public static string Manifest(Uri steps) => $$"""
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: held-step }
        spec:
          steps:
            - uri: {{new Uri(steps, "/hold?s=8")}}
              delivery: { timeout: PT60S }
          reply: { uri: {{new Uri(steps, "/sink")}} }
        """;

    [SkippableFact]
    public async Task A_step_running_when_the_host_stops_runs_again_after_the_restart_and_its_event_reaches_the_reply_once()
    {
        string id = "held-" + Guid.NewGuid().ToString("N");
        using (HttpResponseMessage response = await fixture.Host.Http.SendAsync(CloudEventRequests.Binary("/api/sequences/held-step", id, "test.event", "/graceful-stop-tests", """{"message":"hi"}""")))
        {
            Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}");
        }

        await Eventually.UntilAsync(() => fixture.Steps.AttemptsOf("/hold", id).Count == 1, TimeSpan.FromSeconds(60), () => $"the step was not called for {id}");
        await fixture.Host.RestartAsync();

        // Within the 90 s this waits: the message comes back a minute after it was taken; with Durable's default it took 5.
        await fixture.Steps.WaitAtAsync("/sink", id);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(2, fixture.Steps.AttemptsOf("/hold", id).Count); // cut short by the stop, then run again
        Assert.Single(fixture.Steps.At("/sink", id));
    }
}
