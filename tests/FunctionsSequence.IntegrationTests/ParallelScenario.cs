namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// A Parallel whose branches call the <see cref="StepServer"/>, for fseq and the Functions host
/// alike: branch 0's filter refuses (422), branch 1's subscriber fails twice then answers into the
/// branch's reply, branch 2's filter and subscriber echo into the Parallel's reply, branch 3's
/// subscriber refuses into its dead-letter sink. Sequence <c>into-fan</c> has the Parallel as a step.
/// </summary>
public static class ParallelScenario
{
    /// <summary>The manifests, their URIs on <paramref name="steps"/>.</summary>
    public static string Manifest(StepServer steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        string Url(string path) => new Uri(steps.BaseAddress, path).ToString();
        return $$"""
            apiVersion: flows.knative.dev/v1
            kind: Parallel
            metadata:
              name: fan
            spec:
              branches:
                - filter: { uri: {{Url("/reject")}} }
                  subscriber: { uri: {{Url("/garbage")}} }
                - subscriber: { uri: {{Url("/flaky")}} }
                  delivery: { retry: 3, backoffPolicy: exponential, backoffDelay: PT0.1S }
                  reply: { uri: {{Url("/sink")}} }
                - filter: { uri: {{Url("/echo")}} }
                  subscriber: { uri: {{Url("/echo")}} }
                - subscriber: { uri: {{Url("/reject")}} }
                  delivery:
                    deadLetterSink: { uri: {{Url("/dls")}} }
              reply: { uri: {{Url("/sink")}} }
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: into-fan
            spec:
              steps:
                - uri: {{Url("/echo")}}
                - ref: { apiVersion: flows.knative.dev/v1, kind: Parallel, name: fan }
              reply: { uri: {{Url("/dls")}} }
            """;
    }

    /// <summary>Waits until both answers reached the sink and the dead letter arrived, then long enough for anything extra to show.</summary>
    public static async Task WaitForBranchesAsync(StepServer steps, string id)
    {
        ArgumentNullException.ThrowIfNull(steps);
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while ((steps.At("/sink", id).Count < 2 || steps.At("/dls", id).Count < 1) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
    }

    /// <summary>Each branch did what it says, once: two answers at the sink (branch 1's and branch 2's), one dead letter from branch 3.</summary>
    public static void AssertBranches(StepServer steps, string id)
    {
        ArgumentNullException.ThrowIfNull(steps);
        Assert.Equal(["test.event", "test.flaky.done"], steps.At("/sink", id).Select(r => r.Headers["ce-type"]).Order(StringComparer.Ordinal));
        Assert.Equal(3, steps.AttemptsOf("/flaky", id).Count);
        Assert.Equal(2, steps.AttemptsOf("/reject", id).Count); // branch 0's filter once, branch 3's subscriber once (422 is final)
        Assert.Empty(steps.AttemptsOf("/garbage", id));
        (Dictionary<string, string> headers, _) = Assert.Single(steps.At("/dls", id));
        Assert.Equal(new Uri(steps.BaseAddress, "/reject").ToString(), headers["ce-knativeerrordest"]);
    }
}
