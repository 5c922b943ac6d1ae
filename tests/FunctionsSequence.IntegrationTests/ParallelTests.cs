namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// A Parallel through a running fseq, over HTTP: every branch gets the event; a filter that
/// refuses drops it from its branch only; each branch retries and dead-letters by its own
/// delivery; answers go to the branch's reply, else the Parallel's; a Parallel as a Sequence's
/// step takes the event and ends that Sequence's chain, as a Knative channel answers 202.
/// </summary>
public sealed class ParallelTests(StepServer steps) : IClassFixture<StepServer>, IAsyncLifetime, IDisposable
{
    private FseqProcess? fseq;
    private readonly HttpClient http = new();
    private string? manifest;

    public async Task InitializeAsync()
    {
        manifest = Path.Combine(Path.GetTempPath(), $"fseq-parallel-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(manifest, ParallelScenario.Manifest(steps));
        fseq = FseqProcess.Start("run", manifest, "--port", "0");
        http.BaseAddress = await fseq.WaitUntilListeningAsync();
    }

    public void Dispose() => http.Dispose();

    public async Task DisposeAsync()
    {
        if (fseq is not null)
        {
            await fseq.DisposeAsync();
        }

        File.Delete(manifest!);
    }

    private async Task<string> PostAsync(string path)
    {
        string id = "p-" + Guid.NewGuid().ToString("N");
        using HttpRequestMessage request = CloudEventRequests.Binary(path, id, "test.event", "/parallel-tests", """{"message":"hi"}""");
        using HttpResponseMessage response = await http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return id;
    }

    [Fact]
    public async Task Every_branch_gets_the_event_and_each_follows_its_own_filter_delivery_and_reply()
    {
        string id = await PostAsync("/api/parallels/fan");

        await ParallelScenario.WaitForBranchesAsync(steps, id);

        ParallelScenario.AssertBranches(steps, id);
        Assert.Equal(2, steps.AttemptsOf("/echo", id).Count); // branch 2's filter and subscriber
        await fseq!.WaitForLogAsync($"Parallel fan branch 0 filter failed (status 422: ");
    }

    [Fact]
    public async Task A_parallel_as_a_sequence_step_takes_the_event_and_ends_the_sequences_chain()
    {
        string id = await PostAsync("/api/sequences/into-fan");

        await ParallelScenario.WaitForBranchesAsync(steps, id);

        ParallelScenario.AssertBranches(steps, id);
        Assert.Equal(3, steps.AttemptsOf("/echo", id).Count); // the Sequence's step 0, then branch 2's filter and subscriber
        await fseq!.WaitForLogAsync($"Sequence into-fan step 1 returned no event: chain ended for event {id}");
    }

    [Fact]
    public async Task An_unknown_parallel_is_a_404_that_names_the_known_ones()
    {
        using HttpRequestMessage request = CloudEventRequests.Binary("/api/parallels/nope", "p-unknown");
        using HttpResponseMessage response = await http.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no Parallel named 'nope' (known: fan)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
