namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// What fseq says when a command finds nothing to do or is pointed at the wrong thing: a Trigger given
/// to <c>runs --sequence</c>, a dead letter that is not there, nothing to redrive.
/// </summary>
public sealed class CommandMessageTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient http = new();

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task Runs_and_redrive_say_what_they_did_not_find()
    {
        await using FseqProcess fseq = FseqProcess.Start("run", "samples/4-broker-trigger", "--port", "0");
        string url = (await fseq.WaitUntilListeningAsync()).ToString();
        string id = $"hint-{Guid.NewGuid():N}";
        (await http.SendAsync(CloudEventRequests.Binary(new Uri(new Uri(url), "/api/brokers/default").ToString(), id))).EnsureSuccessStatusCode();
        await WaitForTriggerRunAsync(url, id);

        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "runs", "--sequence", "sequence-trigger", "--url", url);
        Assert.True(exit == 0, stderr);
        Assert.Empty(stdout);
        Assert.Equal("fseq: no runs of a Sequence named 'sequence-trigger'; sequence-trigger is a Trigger, and --sequence selects Sequences only (leave it out to list every run)\n", stderr);

        (exit, _, stderr) = await FseqProcess.RunToEndAsync(Timeout, "runs", "--sequence", "nothing-by-this-name", "--url", url);
        Assert.True(exit == 0, stderr);
        Assert.Equal("fseq: no runs of a Sequence named 'nothing-by-this-name'\n", stderr);

        (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "redrive", "send", "nothere", "--url", url);
        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Equal("fseq: there is no dead letter 'nothere' (fseq redrive list shows them)\n", stderr);

        (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "redrive", "send", "--all", "--url", url);
        Assert.Equal(0, exit);
        Assert.Empty(stdout);
        Assert.Equal("fseq: no dead letters to redrive (every one kept was redriven before, or there are none)\n", stderr);
    }

    private static async Task WaitForTriggerRunAsync(string url, string eventId)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (true)
        {
            var (exit, stdout, _) = await FseqProcess.RunToEndAsync(Timeout, "event", eventId, "--url", url);
            if (exit == 0 && stdout.Contains("Trigger/sequence-trigger", StringComparison.Ordinal))
            {
                return;
            }

            Assert.False(deadline.IsCancellationRequested, $"no Trigger run carried {eventId}:\n{stdout}");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }
}
