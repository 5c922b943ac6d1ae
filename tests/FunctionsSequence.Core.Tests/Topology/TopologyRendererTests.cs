using System.Xml.Linq;
using FunctionsSequence.Core.Topology;

namespace FunctionsSequence.Core.Tests.Topology;

/// <summary>The three renderings of a topology: well-formed, complete, escaped, and the same every time.</summary>
public sealed class TopologyRendererTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Theory]
    [InlineData("1-direct", "cronjob-source|sequence|event-display", "sink")]
    [InlineData("2-reply-display", "cronjob-source|sequence|event-display", "sink|reply")]
    [InlineData("3-cascade", "cronjob-source|first-sequence|second-sequence|event-display", "sink|reply|reply")]
    [InlineData("4-broker-trigger", "cronjob-source|default|sequence-trigger|display-trigger|sequence|event-display", "sink|subscriber|subscriber|reply")]
    public void Svg_is_well_formed_with_a_box_per_node_and_a_labelled_arrow_per_edge(string scenario, string names, string labels)
    {
        TopologyGraph graph = TopologyGraphTests.Graph(scenario);

        XDocument svg = XDocument.Parse(TopologyRenderer.Render(graph, TopologyFormat.Svg));

        Assert.Equal(Svg + "svg", svg.Root!.Name);
        List<string> texts = [.. svg.Descendants(Svg + "text").Select(t => t.Value)];
        foreach (string name in names.Split('|'))
        {
            Assert.Contains(name, texts);
        }

        Assert.Equal(graph.Nodes.Count, svg.Descendants(Svg + "rect").Count(r => r.Attribute("rx") is not null));
        Assert.Equal(graph.Edges.Count, svg.Descendants(Svg + "path").Count(p => p.Attribute("marker-end") is not null));
        Assert.Equal(labels.Split('|').Order(), texts.Where(t => t is "sink" or "subscriber" or "reply").Order());
    }

    [Fact]
    public void Svg_boxes_do_not_overlap_and_lie_inside_the_picture()
    {
        XDocument svg = XDocument.Parse(TopologyRenderer.Render(TopologyGraphTests.Graph("4-broker-trigger"), TopologyFormat.Svg));
        Assert.Contains("type=dev.knative.cronjob.event", svg.Descendants(Svg + "text").Select(t => t.Value));
        double width = Number(svg.Root!, "width"), height = Number(svg.Root!, "height");

        var boxes = svg.Descendants(Svg + "rect").Where(r => r.Attribute("rx") is not null)
            .Select(r => (X: Number(r, "x"), Y: Number(r, "y"), Right: Number(r, "x") + Number(r, "width"), Bottom: Number(r, "y") + Number(r, "height"))).ToList();

        Assert.All(boxes, b => Assert.True(b.X > 0 && b.Y > 0 && b.Right < width && b.Bottom < height, $"{b} outside {width}x{height}"));
        for (int i = 0; i < boxes.Count; i++)
        {
            for (int j = i + 1; j < boxes.Count; j++)
            {
                bool apart = boxes[i].Right <= boxes[j].X || boxes[j].Right <= boxes[i].X || boxes[i].Bottom <= boxes[j].Y || boxes[j].Bottom <= boxes[i].Y;
                Assert.True(apart, $"{boxes[i]} overlaps {boxes[j]}");
            }
        }
    }

    [Fact]
    public void Names_and_filters_are_escaped_in_every_format()
    {
        var set = TopologyGraphTests.Load($"""
            {Manifests.Display}
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: t
            spec:
              broker: default
              filters: [{"{"}cesql: "source = 'a<b>&\"c' OR type = '#x'"{"}"}]
              subscriber:
                uri: http://example.com/?a=1&b="2"
            """);
        TopologyGraph graph = TopologyGraph.Of(set);
        const string cesql = "cesql: source = 'a<b>&\"c' OR type = '#x'";

        XDocument svg = XDocument.Parse(TopologyRenderer.Render(graph, TopologyFormat.Svg));
        string mermaid = TopologyRenderer.Render(graph, TopologyFormat.Mermaid);
        string dot = TopologyRenderer.Render(graph, TopologyFormat.Dot);

        Assert.Contains(cesql, svg.Descendants(Svg + "text").Select(t => t.Value));
        Assert.Contains("cesql: source = 'a#lt;b#gt;#amp;#quot;c' OR type = '#35;x'", mermaid, StringComparison.Ordinal);
        Assert.Contains("cesql: source = &apos;a&lt;b&gt;&amp;&quot;c&apos; OR type = &apos;#x&apos;", dot, StringComparison.Ordinal);
    }

    [Fact]
    public void Mermaid_is_a_left_to_right_flowchart_with_labelled_edges()
    {
        string mermaid = TopologyRenderer.Render(TopologyGraphTests.Graph("4-broker-trigger"), TopologyFormat.Mermaid);

        Assert.StartsWith("flowchart LR\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("  n0([\"CronJobSource<br/><b>cronjob-source</b><br/>*/1 * * * *\"])\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("  n2{{\"Trigger<br/><b>sequence-trigger</b><br/>type=dev.knative.cronjob.event\"}}\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("  n0 -->|\"sink\"| n1\n  n1 --> n2\n  n2 -->|\"subscriber\"| n4\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("  n4 -->|\"reply\"| n1\n", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void Dot_ranks_nodes_by_column()
    {
        string dot = TopologyRenderer.Render(TopologyGraphTests.Graph("4-broker-trigger"), TopologyFormat.Dot);

        Assert.StartsWith("digraph topology {\n  rankdir=LR;\n", dot, StringComparison.Ordinal);
        Assert.Contains("  { rank=same; n2; n3; }\n  { rank=same; n4; n5; }\n", dot, StringComparison.Ordinal);
        Assert.Contains("  n4 -> n1 [label=\"reply\", color=\"#1e8e3e\", fontcolor=\"#1e8e3e\"];\n", dot, StringComparison.Ordinal);
        Assert.EndsWith("}\n", dot, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TopologyFormat.Mermaid)]
    [InlineData(TopologyFormat.Dot)]
    [InlineData(TopologyFormat.Svg)]
    public void Same_manifests_give_the_same_text(TopologyFormat format)
    {
        Assert.Equal(
            TopologyRenderer.Render(TopologyGraphTests.Graph("4-broker-trigger"), format),
            TopologyRenderer.Render(TopologyGraphTests.Graph("4-broker-trigger"), format));
    }

    private static double Number(XElement element, string attribute) =>
        double.Parse(element.Attribute(attribute)!.Value, System.Globalization.CultureInfo.InvariantCulture);
}
