using System.Net.Http.Json;
using FunctionsSequence.Core.Inspection;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// Sequence flaky-reply-for-some of <see cref="DeliveryScenario"/> on either host: three events in
/// one request share one run, whose reply destination is unavailable twice for the middle one only.
/// Only that event is sent again; the other two reach it once each. With the third refused beside it,
/// the middle one is still sent again until taken, and the run then fails, naming the refusal.
/// </summary>
internal static class PartlyFailedReply
{
    public static async Task AssertOnlyTheFailedEventIsSentAgainAsync(HttpClient http, StepServer steps, TimeSpan settle)
    {
        (string Id, string Type)[] events = await SendAsync(http, "test.event");

        foreach ((string id, _) in events)
        {
            await steps.WaitAtAsync("/flaky-for-some", id);
        }

        await Task.Delay(settle);

        EventReport? report = await http.GetFromJsonAsync<EventReport>($"/api/events/{events[0].Id}", InspectionApi.Json);
        RunSummary run = Assert.Single(report!.Runs).Run;
        Assert.Equal([.. events.Select(e => e.Id)], run.EventIds.Order(StringComparer.Ordinal)); // one run: the last step's activity sends the three, the reply's own activity the middle one again
        Assert.Equal([1, 3, 1], events.Select(e => steps.AttemptsOf("/flaky-for-some", e.Id).Count)); // 503, 503, then taken
        Assert.All(events, e => Assert.Single(steps.At("/flaky-for-some", e.Id)));
    }

    public static async Task AssertARefusalBesideStopsNoOtherEventsTriesAsync(HttpClient http, StepServer steps)
    {
        (string Id, string Type)[] events = await SendAsync(http, "test.refused");

        RunDetail run = await FailedRuns.WaitAsync(http, events[0].Id, TimeSpan.FromSeconds(60));

        Assert.Equal([1, 3, 1], events.Select(e => steps.AttemptsOf("/flaky-for-some", e.Id).Count)); // the refused one not sent again
        Assert.Single(steps.At("/flaky-for-some", events[0].Id));
        Assert.Single(steps.At("/flaky-for-some", events[1].Id));
        Uri reply = new(steps.BaseAddress, "/flaky-for-some");
        Assert.StartsWith($"the reply failed: 1 of 3 event(s) not delivered; 1 refused (event {events[2].Id}: POST {reply} answered 422", run.Run.Failure, StringComparison.Ordinal);
    }

    private static async Task<(string Id, string Type)[]> SendAsync(HttpClient http, string thirdType)
    {
        string tag = Guid.NewGuid().ToString("N");
        (string Id, string Type)[] events = [($"p-{tag}-1", "test.event"), ($"p-{tag}-2", "test.flaky"), ($"p-{tag}-3", thirdType)];
        using HttpResponseMessage response = await http.SendAsync(CloudEventRequests.Batch("/api/sequences/flaky-reply-for-some", events));
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return events;
    }
}
