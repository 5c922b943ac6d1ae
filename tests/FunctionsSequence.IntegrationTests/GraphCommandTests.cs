using System.Xml.Linq;

namespace FunctionsSequence.IntegrationTests;

/// <summary><c>fseq graph</c> on scenarios 4 and 5, as a user runs it.</summary>
public sealed class GraphCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Mermaid_of_scenario_4_shows_the_route_through_the_broker_and_back()
    {
        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "graph", "samples/4-broker-trigger", "--format", "mermaid");

        Assert.True(exit == 0, stderr);
        Assert.StartsWith("flowchart LR\n", stdout, StringComparison.Ordinal);
        foreach (string line in new[]
        {
            "  n0([\"CronJobSource<br/><b>cronjob-source</b><br/>*/1 * * * *\"])",
            "  n1[[\"Broker<br/><b>default</b><br/>implied (namespace label)\"]]",
            "  n2{{\"Trigger<br/><b>sequence-trigger</b><br/>type=dev.knative.cronjob.event\"}}",
            "  n3{{\"Trigger<br/><b>display-trigger</b><br/>type=samples.http.mod3\"}}",
            "  n4[\"Sequence<br/><b>sequence</b><br/>0. first<br/>1. second<br/>2. third\"]",
            "  n5(\"Service<br/><b>event-display</b><br/>event display\")",
            "  n0 -->|\"sink\"| n1",
            "  n2 -->|\"subscriber\"| n4",
            "  n3 -->|\"subscriber\"| n5",
            "  n4 -->|\"reply\"| n1",
        })
        {
            Assert.Contains(line + "\n", stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Svg_of_scenario_5_shows_the_parallel_with_its_branches_and_nothing_unreferenced()
    {
        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "graph", "samples/5-parallel", "--format", "svg");

        Assert.True(exit == 0, stderr);
        XNamespace svg = "http://www.w3.org/2000/svg";
        List<string> texts = [.. XDocument.Parse(stdout).Descendants(svg + "text").Select(t => t.Value)];
        foreach (string text in new[] { "ping-source", "Parallel", "odd-even-parallel", "0. filter even-filter -> even-transformer", "1. filter odd-filter -> odd-transformer", "event-display", "sink", "reply" })
        {
            Assert.Contains(text, texts);
        }

        Assert.DoesNotContain("not referenced", texts);
        Assert.DoesNotContain("not in the manifests", texts);
    }

    [Fact]
    public async Task Svg_goes_to_the_output_file()
    {
        string file = Path.Combine(Path.GetTempPath(), $"fseq-graph-{Guid.NewGuid():N}.svg");
        try
        {
            var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "graph", "samples/4-broker-trigger", "--format", "svg", "--output", file);

            Assert.True(exit == 0, stderr);
            Assert.Empty(stdout);
            Assert.Equal($"fseq: wrote {file}\n", stderr);
            Assert.Equal("svg", XDocument.Load(file).Root!.Name.LocalName);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(".svg", "<svg")]
    [InlineData(".dot", "digraph")]
    [InlineData(".gv", "digraph")]
    [InlineData(".mmd", "flowchart LR")]
    [InlineData(".txt", "flowchart LR")]
    public async Task Without_format_the_output_file_extension_chooses_it(string extension, string start)
    {
        string file = Path.Combine(Path.GetTempPath(), $"fseq-graph-{Guid.NewGuid():N}{extension}");
        try
        {
            var (exit, _, stderr) = await FseqProcess.RunToEndAsync(Timeout, "graph", "samples/4-broker-trigger", "--output", file);

            Assert.True(exit == 0, stderr);
            Assert.StartsWith(start, File.ReadAllText(file).TrimStart(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("mermaid", "fseq: --format mermaid does not match --output {0}, whose extension means svg; ")]
    [InlineData("png", "fseq: --format needs mermaid, dot or svg, not 'png'\nRun 'fseq graph --help' for usage.")] // its own error, with --output beside it
    public async Task A_format_that_does_not_match_the_output_extension_is_a_usage_error(string format, string error)
    {
        string file = Path.Combine(Path.GetTempPath(), $"fseq-graph-{Guid.NewGuid():N}.svg");

        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "graph", "samples/4-broker-trigger", "--format", format, "--output", file);

        Assert.Equal(64, exit);
        Assert.Empty(stdout);
        Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, error, file), stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Manifests_with_errors_are_drawn_as_far_as_they_were_read_and_the_command_fails()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"fseq-graph-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            // Knative's sequence-reply-to-event-display sample with a Service of the user's own image as its first step.
            File.WriteAllText(Path.Combine(folder, "sequence.yaml"), EventDisplayService.With("""
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata:
                  name: enricher
                spec:
                  template:
                    spec:
                      containers:
                        - image: example.com/team/enricher:1.2
                ---
                apiVersion: flows.knative.dev/v1
                kind: Sequence
                metadata:
                  name: sequence
                spec:
                  steps:
                    - ref:
                        apiVersion: serving.knative.dev/v1
                        kind: Service
                        name: enricher
                  reply:
                    ref:
                      kind: Service
                      apiVersion: serving.knative.dev/v1
                      name: event-display
                """));

            var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "graph", folder);

            Assert.Equal(1, exit);
            Assert.Contains("  n0[\"Sequence<br/><b>sequence</b><br/>0. Service/enricher (has errors)\"]\n", stdout, StringComparison.Ordinal);
            Assert.Contains("  n0 -->|\"reply\"| n1\n", stdout, StringComparison.Ordinal);
            Assert.Contains("sequence.yaml:9: error: Service/enricher spec.template.spec.containers[0].image: image 'example.com/team/enricher:1.2' cannot run here", stderr, StringComparison.Ordinal);
            Assert.EndsWith("fseq: 1 error(s) in the manifests; the graph leaves out what has errors and names it where it is referred to.\n", stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Manifests_of_which_nothing_was_read_draw_nothing_and_leave_the_output_file_alone()
    {
        string file = Path.Combine(Path.GetTempPath(), $"fseq-graph-{Guid.NewGuid():N}.svg");
        File.WriteAllText(file, "<svg/>");
        try
        {
            var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "graph", "samples/no-such-folder", "--output", file);

            Assert.Equal(1, exit);
            Assert.Empty(stdout);
            Assert.EndsWith("fseq: 1 error(s) in the manifests; no graph was drawn.\n", stderr, StringComparison.Ordinal);
            Assert.Equal("<svg/>", File.ReadAllText(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_output_file_that_cannot_be_written_is_reported_with_its_reason()
    {
        string file = Path.Combine(Path.GetTempPath(), $"fseq-missing-{Guid.NewGuid():N}", "graph.svg");

        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "graph", "samples/4-broker-trigger", "--format", "svg", "--output", file);

        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.StartsWith($"fseq: cannot write {file}: ", stderr);
        Assert.False(File.Exists(file));
    }
}
