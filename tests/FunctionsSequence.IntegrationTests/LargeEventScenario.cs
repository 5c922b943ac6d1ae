using System.Net;
using System.Net.Http.Json;
using FunctionsSequence.Core.Inspection;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// Events larger than gRPC's default 4 MB message, on fseq (<c>LargeEventTests</c>) and on the Functions host
/// (HostTests' <c>LargeEventTests</c>): a step's answer of 5 MB, runs of events of nearly the 1 MB an event may be,
/// and the inspection API over runs that hold them.
/// </summary>
public static class LargeEventScenario
{
    /// <summary>Data of about 900 KB: under the ingress's 1 MB, and eight of them over 4 MB.</summary>
    public static readonly string NearlyOneMegabyte = $$"""{"padding":"{{new string('y', 900 << 10)}}"}""";

    public static string Manifest(Uri steps) => $$"""
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: large-answer }
        spec:
          steps:
            - uri: {{new Uri(steps, "/grow?mb=5")}}
              delivery:
                retry: 2
                deadLetterSink: { uri: {{new Uri(steps, "/dls")}} }
            - uri: {{new Uri(steps, "/echo")}}
          reply: { uri: {{new Uri(steps, "/sink")}} }
        ---
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: near-megabyte }
        spec:
          steps:
            - uri: {{new Uri(steps, "/echo")}}
          reply: { uri: {{new Uri(steps, "/sink")}} }
        ---
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: near-megabyte-busy }
        spec:
          steps:
            - uri: {{new Uri(steps, "/hold?s=1")}}
            - uri: {{new Uri(steps, "/echo")}}
          reply: { uri: {{new Uri(steps, "/sink")}} }
        ---
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: growing-answers }
        spec:
          steps:
            - uri: {{new Uri(steps, "/hold?s=1")}}
            - uri: {{new Uri(steps, "/grow?mb=1")}}
            - uri: {{new Uri(steps, "/echo")}}
          reply: { uri: {{new Uri(steps, "/sink")}} }
        ---
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: growing-into-a-flow }
        spec:
          steps:
            - uri: {{new Uri(steps, "/hold?s=1")}}
            - uri: {{new Uri(steps, "/grow?mb=1")}}
          reply: { apiVersion: flows.knative.dev/v1, kind: Sequence, name: in-one-checkpoint }
        ---
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata:
          name: in-one-checkpoint
          annotations: { functionssequence.dev/checkpoint: sequence }
        spec:
          steps:
            - uri: {{new Uri(steps, "/echo")}}
          reply: { uri: {{new Uri(steps, "/sink")}} }
        """;

    public static async Task<HttpStatusCode> PostAsync(HttpClient http, string path, string id, string data)
    {
        using HttpRequestMessage request = CloudEventRequests.Binary(path, id, "test.event", "/large-event-tests", data);
        using HttpResponseMessage response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>
    /// A step that answers with an event of 5 MB, more than a run carries between hops: the attempt fails with 502, not
    /// retried, and the step's input goes to its dead-letter sink (on fseq the run failed whole at the next hop).
    /// </summary>
    public static async Task AssertAnAnswerTooHeavyToGoOnIsDeadLetteredAsync(HttpClient http, StepServer steps)
    {
        string id = "large-" + Guid.NewGuid().ToString("N");

        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(http, "/api/sequences/large-answer", id, """{"message":"hi"}"""));

        (var headers, string body) = await steps.WaitAtAsync("/dls", id);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal("502", headers["ce-knativeerrorcode"]);
        Assert.Contains("\"message\":\"hi\"", body, StringComparison.Ordinal); // the step's input
        Assert.Single(steps.AttemptsOf("/grow", id));
        Assert.Empty(steps.AttemptsOf("/echo", id));
        Assert.Empty(steps.At("/sink", id));
    }

    /// <summary>
    /// Sixteen events of nearly 1 MB at once to a Sequence whose first step takes a second: all taken, all through, in runs
    /// of at most 3 of them (what fits in one call on fseq's engine), though a dozen or so wait behind the 4 runs in flight.
    /// </summary>
    public static async Task AssertABurstOfNearlyOneMegabyteGoesThroughInRunsThatFitAsync(HttpClient http, StepServer steps)
    {
        string[] ids = [.. Enumerable.Range(0, 16).Select(i => $"near-mb-burst-{i}-" + Guid.NewGuid().ToString("N"))];

        HttpStatusCode[] answers = await Task.WhenAll(ids.Select(id => PostAsync(http, "/api/sequences/near-megabyte-busy", id, NearlyOneMegabyte)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a));
        foreach (string id in ids)
        {
            await steps.WaitAtAsync("/sink", id);
        }

        List<RunSummary> runs = await http.GetFromJsonAsync<List<RunSummary>>("/api/runs?sequence=near-megabyte-busy&limit=1000", InspectionApi.Json) ?? [];
        Assert.All(ids, id => Assert.Single(runs, r => r.EventIds.Contains(id)));
        Assert.All(runs, r => Assert.InRange(r.EventIds.Count, 1, 3));
    }

    /// <summary>
    /// Twelve events at once whose answers grow to 1 MB each at the second step: the run that holds most of them (they
    /// gather behind the 4 runs in flight) calls the third step in parts that fit fseq's engine, and every answer reaches
    /// the reply once.
    /// </summary>
    public static Task AssertAnswersGrowingPastWhatOneCallHoldsGoOnAsync(HttpClient http, StepServer steps) =>
        AssertTwelveGrowingAnswersReachTheSinkAsync(http, steps, "growing-answers");

    /// <summary>
    /// As <see cref="AssertAnswersGrowingPastWhatOneCallHoldsGoOnAsync"/>, the grown answers replied into a Sequence that runs in
    /// one activity (<c>checkpoint: sequence</c>): they start runs of it that each fit that activity's one call.
    /// </summary>
    public static Task AssertGrownAnswersRepliedIntoAFlowStartRunsThatFitAsync(HttpClient http, StepServer steps) =>
        AssertTwelveGrowingAnswersReachTheSinkAsync(http, steps, "growing-into-a-flow");

    private static async Task AssertTwelveGrowingAnswersReachTheSinkAsync(HttpClient http, StepServer steps, string sequence)
    {
        string[] ids = [.. Enumerable.Range(0, 12).Select(i => $"{sequence}-{i}-" + Guid.NewGuid().ToString("N"))];

        HttpStatusCode[] answers = await Task.WhenAll(ids.Select(id => PostAsync(http, $"/api/sequences/{sequence}", id, """{"message":"hi"}""")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a));
        foreach (string id in ids)
        {
            Assert.True((await steps.WaitAtAsync("/sink", id)).Body.Length > 1 << 20);
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.All(ids, id => Assert.Single(steps.At("/sink", id)));
    }

    /// <summary>
    /// Eight events of nearly 1 MB, one after the other, each through its own run to the reply; then the newest run, every
    /// run of that Sequence and one event's path can be read (a page of runs with their inputs is over 4 MB).
    /// </summary>
    public static async Task AssertRunsOfNearlyOneMegabyteCanBeListedAsync(HttpClient http, StepServer steps)
    {
        string[] ids = [.. Enumerable.Range(0, 8).Select(i => $"near-mb-{i}-" + Guid.NewGuid().ToString("N"))];
        foreach (string id in ids)
        {
            Assert.Equal(HttpStatusCode.Accepted, await PostAsync(http, "/api/sequences/near-megabyte", id, NearlyOneMegabyte));
            await steps.WaitAtAsync("/sink", id);
        }

        using (HttpResponseMessage newest = await http.GetAsync("/api/runs?limit=1"))
        {
            Assert.Equal(HttpStatusCode.OK, newest.StatusCode);
        }

        using (HttpResponseMessage runs = await http.GetAsync("/api/runs?sequence=near-megabyte&limit=1000"))
        {
            Assert.Equal(HttpStatusCode.OK, runs.StatusCode);
            string listed = await runs.Content.ReadAsStringAsync();
            Assert.All(ids, id => Assert.Contains(id, listed, StringComparison.Ordinal));
        }

        using HttpResponseMessage detail = await http.GetAsync($"/api/events/{ids[0]}");
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
    }
}
