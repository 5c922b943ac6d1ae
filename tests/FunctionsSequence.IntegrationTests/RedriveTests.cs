using System.Text.Json;
using FunctionsSequence.Core.DeadLetters;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// <c>fseq redrive</c> against <c>fseq run</c> in memory: a step that fails is dead-lettered and
/// listed; redriven, the event goes back to that step (not the steps before it) with its id; a
/// redrive that fails is dead-lettered again and can be redriven again; once through, it reaches
/// the reply once and a further redrive is refused with a clear line.
/// </summary>
public sealed class RedriveTests(StepServer steps) : IClassFixture<StepServer>, IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly HttpClient http = new();
    private FseqProcess? fseq;
    private string? manifest;

    public async Task InitializeAsync()
    {
        string Url(string path) => new Uri(steps.BaseAddress, path).ToString();
        manifest = Path.Combine(Path.GetTempPath(), $"fseq-redrive-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(manifest, $$"""
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: redriven
            spec:
              steps:
                - uri: {{Url("/echo")}}
                - uri: {{Url("/flaky")}}
                  delivery:
                    retry: 0
                    deadLetterSink: { uri: {{Url("/dls")}} }
              reply: { uri: {{Url("/sink")}} }
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

    [Fact]
    public async Task A_dead_letter_is_listed_redriven_to_its_step_until_it_goes_through_once_and_then_refused()
    {
        string id = "r-" + Guid.NewGuid().ToString("N");
        using (HttpRequestMessage request = CloudEventRequests.Binary("/api/sequences/redriven", id, "test.event", "/redrive-tests", """{"message":"hi"}"""))
        using (HttpResponseMessage response = await http.SendAsync(request))
        {
            Assert.True(response.IsSuccessStatusCode);
        }

        await steps.WaitAtAsync("/dls", id);
        string url = http.BaseAddress!.ToString();
        DeadLetterRecord listed = await ListedAsync(url, id, DeadLetterState.DeadLettered);
        Assert.Equal("Sequence redriven step 1", listed.Hop.ToString());

        (int exit, string stdout, string stderr) = await FseqProcess.RunToEndAsync(Timeout, "redrive", "send", listed.Id, "--url", url);
        Assert.True(exit == 0, stderr);
        Assert.Contains($"redrive {listed.Id} id={id} source=/redrive-tests from=\"dead-letter sink\" to=\"Sequence redriven step 1\" result=Started", stdout, StringComparison.Ordinal);
        await WaitAsync(() => steps.At("/dls", id).Count == 2); // the flaky step fails its second attempt too: dead-lettered again
        await ListedAsync(url, id, DeadLetterState.DeadLettered);

        (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "redrive", "send", "--all", "--url", url);
        Assert.True(exit == 0, stderr);
        (var headers, _) = await steps.WaitAtAsync("/sink", id);
        (exit, stdout, _) = await FseqProcess.RunToEndAsync(Timeout, "redrive", "send", listed.Id, "--url", url);
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.Equal(1, exit);
        Assert.Contains("result=Refused: redriven already at", stdout, StringComparison.Ordinal);
        Assert.Equal("test.flaky.done", headers["ce-type"]);
        Assert.Single(steps.At("/sink", id));
        Assert.Single(steps.AttemptsOf("/echo", id)); // redrives went back to step 1, not to the start
        Assert.Equal(3, steps.AttemptsOf("/flaky", id).Count);
    }

    private static async Task<DeadLetterRecord> ListedAsync(string url, string id, DeadLetterState state)
    {
        (int exit, string stdout, string stderr) = await FseqProcess.RunToEndAsync(Timeout, "redrive", "list", "--url", url, "--output", "json");
        Assert.True(exit == 0, stderr);
        List<DeadLetterRecord> records = JsonSerializer.Deserialize<List<DeadLetterRecord>>(stdout, DeadLetterJson.Options)!;
        DeadLetterRecord record = Assert.Single(records, r => r.Event.Contains($"\"{id}\"", StringComparison.Ordinal));
        Assert.Equal(state, record.State);
        return record;
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(condition());
    }
}
