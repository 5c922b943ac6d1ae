using FunctionsSequence.Core.Topology;

namespace FunctionsSequence.Core.Tests.Topology;

/// <summary>
/// Parallels in the topology: a box of their own listing each branch's filter and subscriber,
/// arrows for where each branch's answers and dead letters go, and every ref to a Parallel
/// (a sink, a Trigger's subscriber, a step, a reply, a dead-letter sink) landing on that box.
/// </summary>
public sealed class ParallelTopologyTests
{
    private static readonly string Fan = Ref("Parallel", "fan");

    /// <summary>Parallel fan: one branch to Service audit; everything else here sends to fan.</summary>
    private static readonly string Senders = $"""
        {Manifests.StepService("transform", 0)}{Manifests.StepService("audit", 1)}
        apiVersion: flows.knative.dev/v1
        kind: Parallel
        metadata:
          name: fan
        spec:
          branches:
            - subscriber:
                ref: {Service("audit")}
        ---
        apiVersion: eventing.knative.dev/v1
        kind: Broker
        metadata:
          name: orders
        spec:
          delivery:
            deadLetterSink:
              ref: {Fan}
        ---
        apiVersion: eventing.knative.dev/v1
        kind: Trigger
        metadata:
          name: to-fan
        spec:
          broker: orders
          filter:
            attributes:
              type: order.created
          subscriber:
            ref: {Fan}
        ---
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata:
          name: pipeline
        spec:
          steps:
            - ref: {Service("transform")}
            - ref: {Fan}
        ---
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata:
          name: tail
        spec:
          steps:
            - ref: {Service("transform")}
          reply:
            ref: {Fan}
        ---
        apiVersion: sources.knative.dev/v1
        kind: PingSource
        metadata:
          name: ping
        spec:
          schedule: "*/5 * * * *"
          sink:
            ref: {Fan}
        """;

    /// <summary>Parallel fan with three branches: filtered, to a Sequence with a reply of its own, to a URI.</summary>
    private static readonly string Branches = $"""
        {Manifests.StepService("even-filter", 0)}{Manifests.StepService("transform", 1)}{Manifests.StepService("audit", 2)}{Manifests.Display}
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata:
          name: after
        spec:
          steps:
            - ref: {Service("transform")}
        ---
        apiVersion: flows.knative.dev/v1
        kind: Parallel
        metadata:
          name: fan
        spec:
          branches:
            - filter:
                ref: {Service("even-filter")}
              subscriber:
                ref: {Service("transform")}
              delivery:
                deadLetterSink:
                  ref: {Service("audit")}
            - subscriber:
                ref: {Ref("Sequence", "after")}
              reply:
                uri: https://replies.example.com/odd
            - subscriber:
                uri: https://audit.example.com/e?a=1&b=<2>
              delivery:
                retry: 2
                deadLetterSink:
                  ref: {Service("audit")}
          reply:
            ref: {Service("event-display")}
        """;

    [Fact]
    public void Sinks_subscribers_steps_replies_and_dead_letter_sinks_that_name_a_parallel_reach_its_box()
    {
        TopologyGraph graph = TopologyGraph.Of(TopologyGraphTests.Load(Senders));

        Assert.Equal(
            [
                "source/ping PingSource */5 * * * *", "broker/orders Broker ", "trigger/to-fan Trigger type=order.created",
                "sequence/pipeline Sequence 0. transform|1. Parallel/fan", "sequence/tail Sequence 0. transform", "parallel/fan Parallel 0. audit",
            ],
            graph.Nodes.Select(n => $"{n.Id} {n.KindLabel} {string.Join('|', n.Lines)}"));
        Assert.Equal(
            [
                "source/ping -> parallel/fan Sink sink",
                "broker/orders -> parallel/fan DeadLetter dead letter",
                "broker/orders -> trigger/to-fan Trigger ",
                "trigger/to-fan -> parallel/fan Subscriber subscriber",
                "sequence/pipeline -> parallel/fan Step step 1",
                "sequence/tail -> parallel/fan Reply reply",
            ],
            Edges(graph));
        Assert.Equal(["ping", "orders", "to-fan", "pipeline,tail", "fan"], TopologyColumns.Of(graph).Select(c => string.Join(',', c.Select(n => n.Name))));
    }

    [Fact]
    public void Branches_are_lines_of_the_parallel_and_their_answers_and_dead_letters_are_arrows_per_branch()
    {
        TopologyGraph graph = TopologyGraph.Of(TopologyGraphTests.Load(Branches));

        TopologyNode fan = graph.Node("parallel/fan");
        Assert.Equal(TopologyNodeKind.Parallel, fan.Kind);
        Assert.Equal(["0. filter even-filter -> transform", "1. Sequence/after", "2. https://audit.example.com/e"], fan.Lines);
        Assert.Equal(
            [
                "parallel/fan -> sequence/after Step branch 1",
                "parallel/fan -> service/event-display Reply reply, branches 0, 2",
                "parallel/fan -> endpoint/https://replies.example.com/odd Reply reply, branch 1",
                "parallel/fan -> service/audit DeadLetter dead letter, branches 0, 2",
            ],
            Edges(graph));
        // A Service used only as a branch's filter or subscriber is a line, not a box; a dead-letter sink is a box.
        Assert.DoesNotContain(graph.Nodes, n => n.Name is "even-filter" or "transform");
        Assert.Equal(["appender, STEP=2"], graph.Node("service/audit").Lines);
        Assert.DoesNotContain(graph.Nodes, n => n.Lines.Contains("not referenced") || n.Lines.Contains("not in the manifests"));
    }

    [Fact]
    public void A_reply_every_branch_takes_is_one_plain_arrow()
    {
        TopologyGraph graph = TopologyGraphTests.Graph("5-parallel");

        Assert.Equal(["parallel/odd-even-parallel -> service/event-display Reply reply"], Edges(graph).Where(e => e.StartsWith("parallel/", StringComparison.Ordinal)));
    }

    [Fact]
    public void Svg_arrows_to_a_parallel_go_round_the_boxes()
    {
        SvgPicture svg = SvgPicture.Parse(TopologyRenderer.Render(TopologyGraph.Of(TopologyGraphTests.Load(Senders)), TopologyFormat.Svg));

        Assert.Equal(6, svg.Arrows.Count);
        svg.AssertBoxesApart();
        svg.AssertArrowsMissBoxes();
    }

    [Fact]
    public void Svg_of_the_branches_reads_well()
    {
        TopologyGraph graph = TopologyGraph.Of(TopologyGraphTests.Load(Branches));

        SvgPicture svg = SvgPicture.Parse(TopologyRenderer.Render(graph, TopologyFormat.Svg));

        Assert.Equal(graph.Nodes.Count, svg.Boxes.Count);
        Assert.Equal(graph.Edges.Count, svg.Arrows.Count);
        foreach (string text in new[] { "Parallel", "fan", "0. filter even-filter -> transform", "2. https://audit.example.com/e", "branch 1", "reply, branches 0, 2", "dead letter, branches 0, 2" })
        {
            Assert.Contains(text, svg.Texts);
        }

        svg.AssertBoxesApart();
        svg.AssertArrowsMissBoxes();
    }

    [Fact]
    public void Mermaid_draws_a_parallel_as_a_trapezoid_and_dot_in_its_colour()
    {
        TopologyGraph graph = TopologyGraphTests.Graph("5-parallel");

        string mermaid = TopologyRenderer.Render(graph, TopologyFormat.Mermaid);
        string dot = TopologyRenderer.Render(graph, TopologyFormat.Dot);

        Assert.Contains("  n1[/\"Parallel<br/><b>odd-even-parallel</b><br/>0. filter even-filter -#gt; even-transformer<br/>1. filter odd-filter -#gt; odd-transformer\"\\]\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("  n0 -->|\"sink\"| n1\n  n1 -->|\"reply\"| n2\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("  classDef parallel fill:#e4f7fb,stroke:#007b83\n  class n1 parallel\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("0. filter even-filter -&gt; even-transformer", dot, StringComparison.Ordinal);
        Assert.Contains("fillcolor=\"#e4f7fb\", color=\"#007b83\"", dot, StringComparison.Ordinal);
        Assert.Contains("  n1 -> n2 [label=\"reply\", color=\"#1e8e3e\", fontcolor=\"#1e8e3e\"];\n", dot, StringComparison.Ordinal);
    }

    private static string Service(string name) => $"{{apiVersion: serving.knative.dev/v1, kind: Service, name: {name}}}";

    private static string Ref(string kind, string name) => $"{{apiVersion: flows.knative.dev/v1, kind: {kind}, name: {name}}}";

    private static IEnumerable<string> Edges(TopologyGraph graph) => graph.Edges.Select(e => $"{e.From} -> {e.To} {e.Kind} {e.Label}");
}
