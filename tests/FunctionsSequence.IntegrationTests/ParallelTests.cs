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

    private string Url(string path) => new Uri(steps.BaseAddress, path).ToString();

    public async Task InitializeAsync()
    {
        manifest = Path.Combine(Path.GetTempPath(), $"fseq-parallel-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(manifest, $$"""
            apiVersion: flows.knative.dev/v1
            kind: Parallel
            metadata:
              name: fan
            spec:
              branches:
                - filter: { uri: {{Url("/reject")}} }
                  subscriber: { uri: {{Url("/garbage")}} }
                - subscriber: { uri: {{Url("/flaky")}} }
                  delivery: { retry: 3, backoffDelay: PT0.1S }
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
            """);
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

    /// <summary>Waits until both answers reached the sink and the dead letter arrived, then a little longer for anything extra.</summary>
    private async Task WaitForBranchesAsync(string id)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while ((steps.At("/sink", id).Count < 2 || steps.At("/dls", id).Count < 1) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.5));
    }

    private void AssertBranches(string id)
    {
        Assert.Equal(["test.event", "test.flaky.done"], steps.At("/sink", id).Select(r => r.Headers["ce-type"]).Order(StringComparer.Ordinal));
        Assert.Equal(3, steps.AttemptsOf("/flaky", id).Count);
        Assert.Equal(2, steps.AttemptsOf("/reject", id).Count); // branch 0's filter once, branch 3's subscriber once (422 is final)
        Assert.Empty(steps.AttemptsOf("/garbage", id));
        (Dictionary<string, string> headers, _) = Assert.Single(steps.At("/dls", id));
        Assert.Equal(Url("/reject"), headers["ce-knativeerrordest"]);
    }

    [Fact]
    public async Task Every_branch_gets_the_event_and_each_follows_its_own_filter_delivery_and_reply()
    {
        string id = await PostAsync("/api/parallels/fan");

        await WaitForBranchesAsync(id);

        AssertBranches(id);
        Assert.Equal(2, steps.AttemptsOf("/echo", id).Count); // branch 2's filter and subscriber
        Assert.Contains($"Parallel fan branch 0 filter failed (status 422: ", fseq!.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parallel_as_a_sequence_step_takes_the_event_and_ends_the_sequences_chain()
    {
        string id = await PostAsync("/api/sequences/into-fan");

        await WaitForBranchesAsync(id);

        AssertBranches(id);
        Assert.Equal(3, steps.AttemptsOf("/echo", id).Count); // the Sequence's step 0, then branch 2's filter and subscriber
        Assert.Contains($"Sequence into-fan step 1 returned no event: chain ended for event {id}", fseq!.Stderr, StringComparison.Ordinal);
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
