using System.Text;
using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Delivery;

/// <summary>
/// On the real host as on fseq (IntegrationTests' <c>DeliveryTests</c>): a Sequence step that answers 2xx with an
/// invalid CloudEvent is called once, whatever its retries, and its input goes to the dead-letter sink with a 502, as
/// Knative's dispatcher forwards such an answer to the next channel, whose 400 it does not retry. A Broker
/// subscriber's such answer is retried (<c>DeliveryTests</c>), as Knative's broker filter answers it with a 502. A last
/// step's with no reply is read as no event (<see cref="UnsentAnswer"/>).
/// </summary>
[Collection(DeliveryHostGroup.Name)]
public sealed class StepAnswerTests(DeliveryHost fixture)
{
    [SkippableFact]
    public async Task A_step_replying_with_an_invalid_cloudevent_is_dead_lettered_without_a_retry()
    {
        string id = await SendAsync("/api/sequences/bad-reply", "a-");

        (var headers, _) = await fixture.Steps.WaitAtAsync("/dls", id);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Single(fixture.Steps.AttemptsOf("/bad-reply", id)); // its delivery says retry: 1
        Assert.Equal("502", headers["ce-knativeerrorcode"]);
        Assert.Equal($$"""{"specversion":"1.0","id":"{{id}}","source":"/bad-reply"}""", Encoding.UTF8.GetString(Convert.FromBase64String(headers["ce-knativeerrordata"]!)));
        Assert.Empty(fixture.Steps.At("/sink", id));
        await fixture.Host.Log.WaitForLineAsync($"replied with an invalid CloudEvent: The event (id \"{id}\"): missing required attribute 'type'.");
    }

    [SkippableFact]
    public async Task A_last_step_with_no_reply_answering_an_invalid_cloudevent_is_through_as_Knative_reads_no_answer_there()
    {
        string id = await SendAsync($"/api/sequences/{UnsentAnswer.Sequence}", "n-");
        await UnsentAnswer.AssertAsync(fixture.Host.Http, fixture.Steps, id, line => fixture.Host.Log.WaitForLineAsync(line));
    }

    /// <summary>Sends a new event to <paramref name="path"/> and checks that it was taken; returns its id.</summary>
    private async Task<string> SendAsync(string path, string idPrefix)
    {
        string id = idPrefix + Guid.NewGuid().ToString("N");
        using HttpRequestMessage request = CloudEventRequests.Binary(path, id, "test.event", "/host-step-answer-tests", """{"message":"hi"}""");
        using HttpResponseMessage response = await fixture.Host.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return id;
    }
}
