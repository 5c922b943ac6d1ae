namespace FunctionsSequence.IntegrationTests;

/// <summary>Manifests as Knative's own docs write them, run as written with <c>fseq run --once</c>.</summary>
public sealed class KnativeDocsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Theory]
    // PingSource to event-display as a Kubernetes Deployment and Service.
    [InlineData("pingsource.yaml", "dev.knative.sources.ping", "/apis/v1/namespaces/default/pingsources/test-ping-source")]
    // Knative 0.x's CronJobSource to event-display as a serving.knative.dev/v1alpha1 runLatest Service.
    [InlineData("cronjobsource.yaml", "dev.knative.cronjob.event", "/apis/v1/namespaces/default/cronjobsources/test-cronjob-source")]
    public async Task The_docs_source_example_displays_its_event(string file, string type, string source)
    {
        string manifest = Path.Combine(AppContext.BaseDirectory, "TestData", "knative-docs", file);

        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "run", manifest, "--once", "--port", "0");

        Assert.True(exit == 0, stderr);
        string block = Assert.Single(DisplayBlocks.Parse(stdout));
        Assert.Contains($"type: {type}", block, StringComparison.Ordinal);
        Assert.Contains($"source: {source}", block, StringComparison.Ordinal);
        Assert.Contains("datacontenttype: application/json", block, StringComparison.Ordinal);
        Assert.Contains("\"message\": \"Hello world!\"", block, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_docs_terminal_sequence_is_followed_through_the_appenders_log_lines()
    {
        string manifest = Path.Combine(AppContext.BaseDirectory, "TestData", "knative-docs", "sequence-terminal.yaml");

        var (exit, _, stderr) = await FseqProcess.RunToEndAsync(Timeout, "run", manifest, "--once", "--port", "0");

        Assert.True(exit == 0, stderr);
        string[] lines = [.. stderr.Split('\n').Where(l => l.Contains("transform the event to:", StringComparison.Ordinal))];
        Assert.Equal(3, lines.Length);
        for (int step = 0; step < 3; step++)
        {
            string handled = string.Concat(Enumerable.Range(0, step + 1).Select(i => $" - Handled by {i}"));
            Assert.Contains($"Service/{new[] { "first", "second", "third" }[step]}: transform the event to: [", lines[step], StringComparison.Ordinal);
            Assert.EndsWith($"/apis/v1/namespaces/default/pingsources/ping-source dev.knative.sources.ping: &{{Sequence:0 Message:Hello world!{handled}}}", lines[step].TrimEnd(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_docs_mutually_exclusive_parallel_sends_each_event_down_the_branch_its_minute_picks()
    {
        string manifest = Path.Combine(AppContext.BaseDirectory, "TestData", "knative-docs", "parallel-mutual-exclusivity.yaml");

        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "run", manifest, "--once", "--port", "0");

        Assert.True(exit == 0, stderr);
        string block = Assert.Single(DisplayBlocks.Parse(stdout));
        DateTimeOffset time = DateTimeOffset.Parse(System.Text.RegularExpressions.Regex.Match(block, @"time: (\S+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        long minute = (long)Math.Floor((time.ToUnixTimeMilliseconds() / 60_000d) + 0.5);
        Assert.Contains(minute % 2 == 0 ? "we are even!" : "this is odd!", block, StringComparison.Ordinal);
        Assert.Contains("(Service/me-even-odd-switcher at /1)", stderr, StringComparison.Ordinal);
    }
}
