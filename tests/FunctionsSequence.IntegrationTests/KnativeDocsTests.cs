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
}
