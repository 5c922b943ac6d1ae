using FunctionsSequence.HostTests.Hosting;
using static FunctionsSequence.HostTests.Ingress.EventGridRequests;

namespace FunctionsSequence.HostTests.Ingress;

/// <summary>
/// Event Grid's delivery to a Trigger's function: the Trigger's filter sees the event without its hop counter, as
/// Knative's filter handler deletes it before filtering; the event Event Grid delivers carries it.
/// </summary>
public sealed class TriggerFilterTests(HiddenCounterHost fixture) : IClassFixture<HiddenCounterHost>
{
    [SkippableFact]
    public async Task A_triggers_filter_does_not_see_the_hop_counter_of_what_event_grid_delivers()
    {
        FunctionsHost host = fixture.Host;
        string hidden = "ttl-hidden-" + Guid.NewGuid().ToString("N");
        string seen = "ttl-seen-" + Guid.NewGuid().ToString("N");
        using HttpClient eventGrid = host.NewClient(withKey: false);

        // The one that must not be displayed first, so that the display waited for comes after it would have.
        using HttpResponseMessage toSeen = await eventGrid.SendAsync(DeliveryTo(await host.EventGridWebhookAsync("counter-seen"), "Notification", $"[{Event(seen).ToJsonString()}]"));
        using HttpResponseMessage toHidden = await eventGrid.SendAsync(DeliveryTo(await host.EventGridWebhookAsync("counter-hidden"), "Notification", $"[{Event(hidden).ToJsonString()}]"));

        Assert.True(toHidden.IsSuccessStatusCode && toSeen.IsSuccessStatusCode, $"{toHidden.StatusCode}, {toSeen.StatusCode}");
        string block = await DisplayedOnce.AssertAsync(host, hidden); // NOT EXISTS knativebrokerttl: true, though the event carries 254
        Assert.DoesNotContain("knativebrokerttl", block, StringComparison.Ordinal);
        Assert.Equal(0, host.Log.Displayed(seen)); // knativebrokerttl: "254" does not match: the filter does not see it
    }
}
