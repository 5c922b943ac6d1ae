namespace FunctionsSequence.IntegrationTests;

/// <summary>Manifests as Knative's own docs write them, run as written with <c>fseq run --once</c>.</summary>
public sealed class KnativeDocsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_ping_source_example_displays_its_event_through_a_kubernetes_deployment_and_service()
    {
        string manifest = Path.Combine(AppContext.BaseDirectory, "TestData", "knative-docs", "pingsource.yaml");

        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "run", manifest, "--once", "--port", "0");

        Assert.True(exit == 0, stderr);
        string block = Assert.Single(DisplayBlocks.Parse(stdout));
        Assert.Contains("type: dev.knative.sources.ping", block, StringComparison.Ordinal);
        Assert.Contains("source: /apis/v1/namespaces/default/pingsources/test-ping-source", block, StringComparison.Ordinal);
        Assert.Contains("datacontenttype: application/json", block, StringComparison.Ordinal);
        Assert.Contains("\"message\": \"Hello world!\"", block, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cronjob_source_example_displays_its_event_through_a_v1alpha1_run_latest_service()
    {
        string manifest = Path.Combine(AppContext.BaseDirectory, "TestData", "knative-docs", "cronjobsource.yaml");

        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "run", manifest, "--once", "--port", "0");

        Assert.True(exit == 0, stderr);
        string block = Assert.Single(DisplayBlocks.Parse(stdout));
        Assert.Contains("type: dev.knative.cronjob.event", block, StringComparison.Ordinal);
        Assert.Contains("source: /apis/v1/namespaces/default/cronjobsources/test-cronjob-source", block, StringComparison.Ordinal);
        Assert.Contains("\"message\": \"Hello world!\"", block, StringComparison.Ordinal);
    }
}
