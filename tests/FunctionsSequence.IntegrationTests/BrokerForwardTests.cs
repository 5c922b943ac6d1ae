namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// A Broker as a Trigger's subscriber or a Sequence's step, through a running fseq over HTTP, as Knative allows any
/// addressable there: the Broker takes the event with one hop less and answers nothing, as its ingress answers 202,
/// so the events go on through that Broker's Triggers, and a Sequence's chain ends there.
/// </summary>
public sealed class BrokerForwardTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient http = new();
    private FseqProcess? fseq;
    private string? manifest;

    public async Task InitializeAsync()
    {
        manifest = Path.Combine(Path.GetTempPath(), $"fseq-forward-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(manifest, BrokerForwardScenario.Manifest);
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
        string id = "fwd-" + Guid.NewGuid().ToString("N");
        using HttpRequestMessage request = CloudEventRequests.Binary(path, id, "test.event", BrokerForwardScenario.Source, """{"message":"hi"}""");
        using HttpResponseMessage response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return id;
    }

    [Fact]
    public async Task A_trigger_whose_subscriber_is_a_broker_hands_the_event_on_to_that_brokers_triggers()
    {
        string id = await PostAsync("/api/brokers/front");

        await fseq!.WaitForDisplayAsync(id);

        await fseq.WaitForLogAsync($"Trigger forward delivers to Broker/back: event {id}");
        await fseq.WaitForLogAsync($"Trigger show delivers to Service/event-display: event {id}");
    }

    [Fact]
    public async Task A_broker_as_a_sequence_step_takes_the_event_and_ends_the_sequences_chain()
    {
        string id = await PostAsync("/api/sequences/into-back");

        await fseq!.WaitForDisplayAsync(id);

        await fseq.WaitForLogAsync($"Sequence into-back step 0 returned no event: chain ended for event {id}");
    }

    [Fact]
    public async Task Two_triggers_that_hand_one_event_to_one_sequence_run_it_twice_and_a_burst_loses_nothing()
    {
        // Sent side by side, so that the two Triggers' hand-overs of one event race each other.
        string[] ids = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => PostAsync("/api/brokers/both")));

        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && ids.Any(id => Displayed(id) < 2))
        {
            await Task.Delay(100);
        }

        await Task.Delay(TimeSpan.FromSeconds(2)); // a third display, were there one, gets its time to show
        Assert.All(ids, id => Assert.True(Displayed(id) == 2, $"event {id} displayed {Displayed(id)} times, expected once per Trigger\n{fseq!.Stderr}"));
        Assert.DoesNotContain("ExecutionStartedEvent", fseq!.Stderr, StringComparison.Ordinal);
    }

    private int Displayed(string id) => DisplayBlocks.Parse(fseq!.Stdout).Count(b => b.Contains($"id: {id}\n", StringComparison.Ordinal));
}
