using System.Net.Http.Json;
using System.Text;
using FunctionsSequence.Core.Inspection;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// Sequences down-reply-dead-lettered and refused-reply-dead-lettered of <see cref="DeliveryScenario"/> on either host:
/// a reply given up sends the last step's input to that step's dead-letter sink, with the reply as
/// <c>knativeerrordest</c> and its answer as <c>knativeerrorcode</c> and <c>knativeerrordata</c>, as Knative's dispatcher
/// does; the run completes, its record naming the reply.
/// </summary>
internal static class DeadLetteredReply
{
    /// <summary>
    /// Event <paramref name="id"/>, sent to <c>{replyPath}-reply-dead-lettered</c>: its reply tried <paramref name="tries"/> times at
    /// <paramref name="replyPath"/>, which answered <paramref name="code"/>, then the event as the step got it dead-lettered.
    /// </summary>
    public static async Task AssertAsync(HttpClient http, StepServer steps, string id, string replyPath, int code, int tries, string? data, Func<string, Task> waitForLog)
    {
        (Dictionary<string, string> headers, string body) = await steps.WaitAtAsync("/dls", id);
        RunSummary run = (await FailedRuns.WaitAsync(http, id, "completed", TimeSpan.FromSeconds(60))).Run;

        Assert.Equal(tries, steps.AttemptsOf(replyPath, id).Count);
        Assert.Single(steps.AttemptsOf("/answer", id)); // the step is not called again for its reply
        Assert.Single(steps.At("/dls", id));
        Assert.Equal("test.event", headers["ce-type"]); // what the step was given, not its answer (test.answered)
        Assert.Contains("\"message\":\"hi\"", body, StringComparison.Ordinal);
        Assert.Equal(new Uri(steps.BaseAddress, replyPath).ToString(), headers["ce-knativeerrordest"]);
        Assert.Equal(code.ToString(System.Globalization.CultureInfo.InvariantCulture), headers["ce-knativeerrorcode"]);
        Assert.Equal(data, headers.TryGetValue("ce-knativeerrordata", out string? sent) ? Encoding.UTF8.GetString(Convert.FromBase64String(sent)) : null);
        Assert.Equal((1, (string?)null), (run.DeadLettered, run.Failure));

        // The reply's tries are counted, and said to be the reply's, not the step's.
        EventReport report = (await http.GetFromJsonAsync<EventReport>($"/api/events/{id}", InspectionApi.Json))!;
        HopStatus reply = Assert.Single(Assert.Single(Assert.Single(report.Runs).Events).Hops, h => h.Hop.Contains(" reply (", StringComparison.Ordinal));
        Assert.Equal((tries, RunReader.DeadLetteredResult), (reply.Attempts, reply.Result));
        await waitForLog($"step 0 reply ({new Uri(steps.BaseAddress, replyPath)}) failed for event {id} after {tries} attempt(s)");
    }
}
