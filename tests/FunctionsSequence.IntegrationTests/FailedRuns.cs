using System.Net.Http.Json;
using FunctionsSequence.Core.Inspection;

namespace FunctionsSequence.IntegrationTests;

/// <summary>A run (a failed one, mostly) as the inspection routes of fseq and of the Functions app show it: one check for both hosts.</summary>
internal static class FailedRuns
{
    /// <summary>The failed run that carries the event <paramref name="id"/>, once <c>/api/events/{id}</c> shows it.</summary>
    public static Task<RunDetail> WaitAsync(HttpClient http, string id, TimeSpan timeout) => WaitAsync(http, id, "failed", timeout);

    /// <summary>The one run that carries the event <paramref name="id"/>, once <c>/api/events/{id}</c> shows it in <paramref name="status"/>.</summary>
    public static async Task<RunDetail> WaitAsync(HttpClient http, string id, string status, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using (HttpResponseMessage response = await http.GetAsync($"/api/events/{Uri.EscapeDataString(id)}"))
            {
                if (response.IsSuccessStatusCode
                    && await response.Content.ReadFromJsonAsync<EventReport>(InspectionApi.Json) is { Runs: [{ } run] } && run.Run.Status == status)
                {
                    return run;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no {status} run of event {id} within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Sequence failing-dead-letter-sink of <see cref="DeliveryScenario"/>: its step and its dead-letter
    /// sink both refuse the event, so the run fails, its record says the sink failed (not that the event
    /// was dead-lettered), and the failure reads as the app wrote it, without an exception's type.
    /// </summary>
    public static void AssertDeadLetterSinkFailed(RunDetail run, Uri steps, string id)
    {
        HopStatus hop = Assert.Single(Assert.Single(run.Events).Hops);
        Assert.Equal(("dead-letter sink failed", 422, new Uri(steps, "/reject").ToString()), (hop.Result, hop.Status, hop.DeadLetterSink));
        Assert.Equal(0, run.Run.DeadLettered);
        Assert.StartsWith($"Sequence failing-dead-letter-sink step 0 ({new Uri(steps, "/reject")}) failed after 1 attempt(s)", run.Run.Failure, StringComparison.Ordinal);
        Assert.Contains($"Its dead-letter sink {new Uri(steps, "/reject")} failed too: ", run.Run.Failure, StringComparison.Ordinal);
        Assert.Contains($"event {id} is kept in this orchestration's input (and among the dead letters, fseq redrive list,", run.Run.Failure, StringComparison.Ordinal);
    }

    /// <summary>Whether <c>/api/deadletters</c> lists the event <paramref name="id"/>: the dead-letter activity records it before its sink is called.</summary>
    public static async Task<bool> AmongDeadLettersAsync(HttpClient http, string id) =>
        (await http.GetStringAsync("/api/deadletters")).Contains(id, StringComparison.Ordinal);
}
