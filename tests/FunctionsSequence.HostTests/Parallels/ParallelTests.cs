using System.Net;
using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Parallels;

/// <summary>
/// IntegrationTests.ParallelTests on the Functions host: every branch gets the event once, each
/// by its own filter, delivery and reply, as ParallelOrchestrator's durable tasks; a Parallel as a
/// Sequence step ends that Sequence's chain.
/// </summary>
public sealed class ParallelTests(ParallelHost fixture) : IClassFixture<ParallelHost>
{
    private async Task<string> PostAsync(string path)
    {
        string id = "hp-" + Guid.NewGuid().ToString("N");
        using HttpRequestMessage request = CloudEventRequests.Binary(path, id, "test.event", "/host-parallel-tests", """{"message":"hi"}""");
        using HttpResponseMessage response = await fixture.Host.Http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return id;
    }

    [SkippableFact]
    public async Task Every_branch_gets_the_event_once_and_each_follows_its_own_filter_delivery_and_reply()
    {
        string id = await PostAsync("/api/parallels/fan");

        await ParallelScenario.WaitForBranchesAsync(fixture.Steps, id);

        ParallelScenario.AssertBranches(fixture.Steps, id);
        Assert.Equal(2, fixture.Steps.AttemptsOf("/echo", id).Count);
        // The orchestration logs the refusal in the episode that reads it, which may come after the other branches finish.
        await fixture.Host.Log.WaitForLineAsync("Parallel fan branch 0 filter failed (status 422: ");
    }

    [SkippableFact]
    public async Task A_parallel_as_a_sequence_step_takes_the_event_and_ends_the_sequences_chain()
    {
        string id = await PostAsync("/api/sequences/into-fan");

        await ParallelScenario.WaitForBranchesAsync(fixture.Steps, id);

        ParallelScenario.AssertBranches(fixture.Steps, id);
        Assert.Equal(3, fixture.Steps.AttemptsOf("/echo", id).Count);
        await fixture.Host.Log.WaitForLineAsync($"Sequence into-fan step 1 returned no event: chain ended for event {id}");
    }
}
