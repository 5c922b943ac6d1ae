using System.Xml.Linq;
using FunctionsSequence.Core.Dashboard;
using FunctionsSequence.Core.Inspection;
using FunctionsSequence.Core.Tests.Topology;
using FunctionsSequence.Core.Topology;

namespace FunctionsSequence.Core.Tests.Dashboard;

/// <summary>The dashboard's counts per node come from the runs, along the topology's arrows; the SVG names each box's node.</summary>
public sealed class NodeCounterTests
{
    private static readonly DateTime T0 = new(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);

    private static RunDetail Run(string kind, string target, string status, params (string Id, HopStatus[] Hops)[] events) => new(
        new RunSummary($"{kind}:{target}:{Guid.NewGuid():N}", kind, target, status, T0, T0, [.. events.Select(e => e.Id)], 1, 0, null),
        [.. events.Select((e, i) => new EventPath(i, e.Id, "/test", "t", e.Hops))],
        0);

    private static HopStatus Hop(string hop, string result = "ok", string? sink = null) => new(hop, 1, T0, T0, result, result == "ok" ? null : 500, result == "ok" ? null : "boom", sink);

    [Fact]
    public void Scenario_4s_event_through_the_Sequence_and_back_counts_at_every_node_it_passed()
    {
        TopologyGraph graph = TopologyGraphTests.Graph("4-broker-trigger");
        IReadOnlyDictionary<string, NodeCount> counts = NodeCounter.Count(graph,
        [
            Run("Trigger", "sequence-trigger", "completed", ("e1", [Hop("subscriber (Sequence/sequence)")])),
            Run("Sequence", "sequence", "completed", ("e1", [Hop("step 0 (Service/first)"), Hop("step 1 (Service/second)"), Hop("step 2 (Service/third)")])),
            Run("Trigger", "display-trigger", "completed", ("e1", [Hop("subscriber (Service/event-display)")]), ("e2", [Hop("subscriber (Service/event-display)", "failed")])),
        ]);

        Assert.DoesNotContain("source/cronjob-source", counts.Keys);
        Assert.Equal(new NodeCount(1, 1, 0, 0), counts["trigger/sequence-trigger"]);
        Assert.Equal(new NodeCount(1, 1, 0, 0), counts["sequence/sequence"]);
        Assert.Equal(new NodeCount(2, 1, 0, 0), counts["trigger/display-trigger"]);
        Assert.Equal(new NodeCount(1, 0, 0, 0), counts["service/event-display"]);
        Assert.Equal(new NodeCount(1, 3, 0, 0), counts["broker/default"]); // the Sequence's reply in; what its Triggers took out
    }

    [Fact]
    public void A_failed_run_counts_its_events_failed_and_none_out_and_a_dead_letter_counts_where_it_was_sent_from()
    {
        TopologyGraph graph = TopologyGraphTests.Graph("4-broker-trigger");
        IReadOnlyDictionary<string, NodeCount> counts = NodeCounter.Count(graph,
        [
            Run("Sequence", "sequence", "failed", ("e1", [Hop("step 0 (Service/first)"), Hop("step 1 (Service/second)", "failed")])),
            Run("Sequence", "sequence", "completed", ("e2", [Hop("step 0 (Service/first)", "dead-lettered", "http://dls")])),
            Run("Sequence", "gone", "completed", ("e3", [])),
        ]);

        Assert.Equal(new NodeCount(2, 0, 1, 1), counts["sequence/sequence"]);
        Assert.Equal(NodeCount.Zero, counts["broker/default"]);
    }

    [Fact]
    public void A_dead_letter_counts_in_at_the_sink_that_took_it_and_not_at_one_that_refused_it()
    {
        TopologyGraph graph = TopologyGraph.Of(TopologyGraphTests.Load($"""
            {Manifests.StepService("first", 0)}{Manifests.Display}
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: shop
            spec:
              steps:
                - ref: {"{"}apiVersion: serving.knative.dev/v1, kind: Service, name: first{"}"}
                  delivery:
                    deadLetterSink:
                      ref: {"{"}apiVersion: serving.knative.dev/v1, kind: Service, name: event-display{"}"}
                - uri: http://step.example.com/
                  delivery:
                    deadLetterSink: {"{"} uri: "http://dls.example.com/letters" {"}"}
            """));

        IReadOnlyDictionary<string, NodeCount> counts = NodeCounter.Count(graph,
        [
            Run("Sequence", "shop", "completed", ("e1", [Hop("step 0 (Service/first)", "dead-lettered", "Service/event-display")])),
            Run("Sequence", "shop", "completed", ("e2", [Hop("step 0 (Service/first)"), Hop("step 1 (http://step.example.com/)", "dead-lettered", "http://dls.example.com/letters")])),
            Run("Sequence", "shop", "failed", ("e3", [Hop("step 0 (Service/first)", "dead-letter sink failed", "Service/event-display")])),
        ]);

        Assert.Equal(new NodeCount(1, 0, 0, 0), counts["service/event-display"]);
        Assert.Equal(new NodeCount(1, 0, 0, 0), counts["endpoint/http://dls.example.com/letters"]);
        Assert.Equal(new NodeCount(3, 0, 1, 2), counts["sequence/shop"]);
    }

    [Fact]
    public void A_triggers_dead_letter_counts_in_at_its_brokers_sink_when_it_has_none_of_its_own()
    {
        TopologyGraph graph = TopologyGraph.Of(TopologyGraphTests.Load($"""
            {Manifests.Display}
            apiVersion: eventing.knative.dev/v1
            kind: Broker
            metadata:
              name: orders
            spec:
              delivery:
                deadLetterSink:
                  ref: {"{"}apiVersion: serving.knative.dev/v1, kind: Service, name: event-display{"}"}
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: audit
            spec:
              broker: orders
              subscriber: {"{"} uri: "http://audit.example.com/" {"}"}
            """));

        IReadOnlyDictionary<string, NodeCount> counts = NodeCounter.Count(graph,
        [
            Run("Trigger", "audit", "completed", ("e1", [Hop("subscriber (http://audit.example.com/)", "dead-lettered", "Service/event-display")])),
        ]);

        Assert.Equal(new NodeCount(1, 0, 0, 0), counts["service/event-display"]);
    }

    [Fact]
    public void Every_box_of_the_svg_names_its_node()
    {
        TopologyGraph graph = TopologyGraphTests.Graph("4-broker-trigger");
        XNamespace svg = "http://www.w3.org/2000/svg";
        var named = XDocument.Parse(TopologyRenderer.Render(graph, TopologyFormat.Svg)).Descendants(svg + "g")
            .Select(g => (string?)g.Attribute("data-node")).Where(n => n is not null);

        Assert.Equal(graph.Nodes.Select(n => n.Id), named);
    }
}
