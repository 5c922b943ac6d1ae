namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// fseq on storage (Azurite) with a step that runs longer than the work-item queue's visibility timeout (10 s):
/// the activity's lock is renewed while it runs, so the step is called once, as on the Functions host.
/// </summary>
public sealed class LongStepTests(StepServer steps) : IClassFixture<StepServer>
{
    [Fact]
    public async Task A_step_that_runs_longer_than_the_queues_visibility_timeout_is_called_once()
    {
        await Azurite.EnsureRunningAsync();
        string yaml = $$"""
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata: { name: long-step }
            spec:
              steps:
                - uri: {{new Uri(steps.BaseAddress, "/hold?s=23")}}
                  delivery: { timeout: PT60S }
              reply: { uri: {{new Uri(steps.BaseAddress, "/sink")}} }
            """;
        await using ManifestRun run = await ManifestRun.StartAsync(yaml, ["--store", "azurite", "--task-hub", "longstep" + Guid.NewGuid().ToString("N")[..10]]);
        string id = "long-" + Guid.NewGuid().ToString("N");
        using (HttpResponseMessage response = await run.Http.SendAsync(CloudEventRequests.Binary("/api/sequences/long-step", id, "test.event", "/long-step-tests", """{"message":"hi"}""")))
        {
            Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}");
        }

        await steps.WaitAtAsync("/sink", id);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Single(steps.AttemptsOf("/hold", id));
        Assert.Single(steps.At("/sink", id));
        // Without renewal the backend took the message again every 10 s (and refused to run it twice), but the completion
        // then failed on the message's stale receipt, so a restart ran the step and its reply again.
        Assert.DoesNotContain("processed multiple times", run.Fseq.Stderr, StringComparison.Ordinal);
    }
}
