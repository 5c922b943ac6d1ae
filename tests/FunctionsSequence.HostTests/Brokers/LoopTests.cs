using System.Net;
using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Brokers;

/// <summary>
/// Knative's classic loop on the host (IntegrationTests' TestData/loop.yaml: a Trigger with no
/// filter whose subscriber replies into its own Broker, in process here): the hop counter ends it.
/// </summary>
public sealed class LoopTests
{
    private const int Ttl = 5;

    [SkippableFact]
    public async Task An_event_looping_through_a_broker_passes_its_trigger_once_per_hop_then_is_dropped_and_reported()
    {
        var settings = new HostSettings(HostSettings.NewTaskHub("loop"), "tests/FunctionsSequence.IntegrationTests/TestData/loop.yaml");
        await using FunctionsHost host = await FunctionsHost.StartAsync(HostAvailability.Ensure(), settings);
        string id = "loop-" + Guid.NewGuid().ToString("N");

        // Sent in with a counter of its own, of which the Broker takes one off as it enters, as Knative's ingress does (TTLDefaulter).
        using (HttpRequestMessage request = CloudEventRequests.Binary("/api/brokers/loopy", id, source: "/host-loop-test"))
        {
            request.Headers.Add("ce-knativebrokerttl", Ttl.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using HttpResponseMessage response = await host.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode); // as an Event Grid topic answers a publish
        }

        string dropped = await host.Log.WaitForLineAsync($"Broker loopy: event {id} from /host-loop-test dropped: ", TimeSpan.FromSeconds(90));
        await Task.Delay(DisplayedOnce.Settle);

        Assert.Contains("its hop counter (knativebrokerttl) ran out, which means it was looping", dropped, StringComparison.Ordinal);
        Assert.Single(host.Log.Lines($"Broker loopy: event {id} from "));
        int passes = host.Log.Lines($"Trigger everything delivers to Service/echo: event {id}").Count;
        Assert.True(passes == Ttl - 1, $"the Trigger delivered event {id} {passes} times; its hop counter of {Ttl} allows {Ttl - 1}");
    }
}
