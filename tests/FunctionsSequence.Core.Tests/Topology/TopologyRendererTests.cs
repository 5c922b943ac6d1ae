using FunctionsSequence.Core.Topology;

namespace FunctionsSequence.Core.Tests.Topology;

/// <summary>The three renderings of a topology: well-formed, complete, escaped, and the same every time.</summary>
public sealed class TopologyRendererTests
{
    [Theory]
    [InlineData("1-direct", "cronjob-source|sequence|event-display", "sink")]
    [InlineData("2-reply-display", "cronjob-source|sequence|event-display", "sink|reply")]
    [InlineData("3-cascade", "cronjob-source|first-sequence|second-sequence|event-display", "sink|reply|reply")]
    [InlineData("4-broker-trigger", "cronjob-source|default|sequence-trigger|display-trigger|sequence|event-display", "sink|subscriber|subscriber|reply")]
    [InlineData("5-parallel", "ping-source|odd-even-parallel|event-display", "sink|reply")]
    public void Svg_is_well_formed_with_a_box_per_node_and_a_labelled_arrow_per_edge(string scenario, string names, string labels)
    {
        TopologyGraph graph = TopologyGraphTests.Graph(scenario);

        SvgPicture svg = SvgPicture.Parse(TopologyRenderer.Render(graph, TopologyFormat.Svg));

        Assert.Equal(SvgPicture.Svg + "svg", svg.Document.Root!.Name);
        foreach (string name in names.Split('|'))
        {
            Assert.Contains(name, svg.Texts);
        }

        Assert.Equal(graph.Nodes.Count, svg.Boxes.Count);
        Assert.Equal(graph.Edges.Count, svg.Arrows.Count);
        Assert.Equal(labels.Split('|').Order(), svg.Texts.Where(t => t is "sink" or "subscriber" or "reply").Order());
    }

    [Theory]
    [InlineData("4-broker-trigger", "type=dev.knative.cronjob.event")]
    [InlineData("5-parallel", "0. filter even-filter -> even-transformer")]
    public void Svg_boxes_do_not_overlap_lie_inside_the_picture_and_arrows_go_round_them(string scenario, string line)
    {
        SvgPicture svg = SvgPicture.Parse(TopologyRenderer.Render(TopologyGraphTests.Graph(scenario), TopologyFormat.Svg));

        Assert.Contains(line, svg.Texts);
        svg.AssertBoxesApart();
        svg.AssertArrowsMissBoxes();
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

        SvgPicture svg = SvgPicture.Parse(TopologyRenderer.Render(graph, TopologyFormat.Svg));
        string mermaid = TopologyRenderer.Render(graph, TopologyFormat.Mermaid);
        string dot = TopologyRenderer.Render(graph, TopologyFormat.Dot);

        Assert.Contains(cesql, svg.Texts);
        Assert.Contains("cesql: source = 'a#lt;b#gt;#amp;#quot;c' OR type = '#35;x'", mermaid, StringComparison.Ordinal);
        Assert.Contains("cesql: source = &apos;a&lt;b&gt;&amp;&quot;c&apos; OR type = &apos;#x&apos;", dot, StringComparison.Ordinal);
    }

    [Fact]
    public void Svg_wraps_a_long_uri_inside_it_rather_than_after_the_step_number()
    {
        var set = TopologyGraphTests.Load("""
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: s
            spec:
              steps:
                - uri: https://tax.example.com/compute/orders/region/eu/x/1
            """);

        SvgPicture svg = SvgPicture.Parse(TopologyRenderer.Render(TopologyGraph.Of(set), TopologyFormat.Svg));

        Assert.Contains("0. https://tax.example.com/compute/orders/", svg.Texts);
        Assert.Contains("  region/eu/x/1", svg.Texts);
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
}
