using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Brokers;

/// <summary>
/// IntegrationTests.BrokerForwardTests on the Functions host: a Trigger whose subscriber is a Broker hands each event on
/// to that Broker's Triggers, and a Broker as a Sequence's step ends the chain, each event displayed once.
/// </summary>
public sealed class BrokerForwardTests(BrokerForwardHost fixture) : IClassFixture<BrokerForwardHost>
{
    private async Task<string> PostAsync(string path)
    {
        string id = "hf-" + Guid.NewGuid().ToString("N");
        using HttpRequestMessage request = CloudEventRequests.Binary(path, id, "test.event", BrokerForwardScenario.Source, """{"message":"hi"}""");
        using HttpResponseMessage response = await fixture.Host.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return id;
    }

    [SkippableFact]
    public async Task A_trigger_whose_subscriber_is_a_broker_hands_the_event_on_to_that_brokers_triggers()
    {
        string id = await PostAsync("/api/brokers/front");

        await DisplayedOnce.AssertAsync(fixture.Host, id);

        await fixture.Host.Log.WaitForLineAsync($"Trigger forward delivers to Broker/back: event {id}");
    }

    [SkippableFact]
    public async Task A_broker_as_a_sequence_step_takes_the_event_and_ends_the_sequences_chain()
    {
        string id = await PostAsync("/api/sequences/into-back");

        await DisplayedOnce.AssertAsync(fixture.Host, id);

        await fixture.Host.Log.WaitForLineAsync($"Sequence into-back step 0 returned no event: chain ended for event {id}");
    }

    [SkippableFact]
    public async Task Two_triggers_that_hand_one_event_to_one_sequence_run_it_twice()
    {
        string[] ids = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => PostAsync("/api/brokers/both")));

        DateTime deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && ids.Any(id => fixture.Host.Log.Displayed(id) < 2))
        {
            await Task.Delay(200);
        }

        await Task.Delay(DisplayedOnce.Settle);
        Assert.All(ids, id => Assert.True(fixture.Host.Log.Displayed(id) == 2, $"event {id} displayed {fixture.Host.Log.Displayed(id)} times, expected once per Trigger"));
    }
}
