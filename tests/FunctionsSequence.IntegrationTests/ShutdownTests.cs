namespace FunctionsSequence.IntegrationTests;

/// <summary>How <c>fseq run</c> ends: quietly, with only its own report of what failed.</summary>
public sealed class ShutdownTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_failed_once_run_reports_its_failure_and_nothing_from_the_stopping_engine()
    {
        string manifest = Path.Combine(AppContext.BaseDirectory, "TestData", "unreachable-step.yaml");

        // The worker's cancelled calls showed up in most runs, not all: a few runs at once make a miss unlikely.
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => FseqProcess.RunToEndAsync(Timeout, "run", manifest, "--once", "--port", "0")));

        foreach (var (exit, _, stderr) in runs)
        {
            Assert.True(exit == 1, stderr);
            Assert.Contains("fseq: 1 failure(s):\n  seq:unreachable:", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("Microsoft.DurableTask", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("RpcException", stderr, StringComparison.Ordinal);
        }
    }
}
