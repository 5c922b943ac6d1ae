using System.Globalization;

namespace FunctionsSequence.IntegrationTests;

/// <summary><c>fseq run --batch-wait</c>: see <see cref="BatchWaitScenario"/>.</summary>
public sealed class BatchWaitTests
{
    [Fact]
    public async Task With_a_batching_wait_events_sent_together_share_one_run_and_are_each_displayed_once()
    {
        await using FseqProcess fseq = FseqProcess.Start(
            "run", "samples/2-reply-display", "--port", "0", "--batch-wait", BatchWaitScenario.WaitMilliseconds.ToString(CultureInfo.InvariantCulture));
        using var http = new HttpClient { BaseAddress = await fseq.WaitUntilListeningAsync() };

        await BatchWaitScenario.RunAsync(
            http,
            id => fseq.WaitForDisplayAsync($"id: {id}\n"),
            () => fseq.Stderr.Split('\n'),
            id => DisplayBlocks.Parse(fseq.Stdout).Count(b => b.Contains($"id: {id}\n", StringComparison.Ordinal)));
    }
}
