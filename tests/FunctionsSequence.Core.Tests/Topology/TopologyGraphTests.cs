using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Topology;

namespace FunctionsSequence.Core.Tests.Topology;

/// <summary>The samples as topologies: every box with its details, every arrow with its label.</summary>
public sealed class TopologyGraphTests
{
    private const string Steps = "0. first|1. second|2. third";

    public static TheoryData<string, string[], string[]> Scenarios() => new()
    {
        {
            "1-direct",
            ["source/cronjob-source CronJobSource */1 * * * *", $"sequence/sequence Sequence {Steps}", "service/event-display Service event display|not referenced"],
            ["source/cronjob-source -> sequence/sequence Sink sink"]
        },
        {
            "2-reply-display",
            ["source/cronjob-source CronJobSource */1 * * * *", $"sequence/sequence Sequence {Steps}", "service/event-display Service event display"],
            ["source/cronjob-source -> sequence/sequence Sink sink", "sequence/sequence -> service/event-display Reply reply"]
        },
        {
            "3-cascade",
            [
                "source/cronjob-source CronJobSource */1 * * * *", $"sequence/first-sequence Sequence {Steps}",
                "sequence/second-sequence Sequence 0. fourth|1. fifth|2. sixth", "service/event-display Service event display",
            ],
            [
                "source/cronjob-source -> sequence/first-sequence Sink sink", "sequence/first-sequence -> sequence/second-sequence Reply reply",
                "sequence/second-sequence -> service/event-display Reply reply",
            ]
        },
        {
            "4-broker-trigger",
            [
                "source/cronjob-source CronJobSource */1 * * * *", "broker/default Broker implied (namespace label)",
                "trigger/sequence-trigger Trigger type=dev.knative.cronjob.event", "trigger/display-trigger Trigger type=samples.http.mod3",
                $"sequence/sequence Sequence {Steps}", "service/event-display Service event display",
            ],
            [
                "source/cronjob-source -> broker/default Sink sink", "broker/default -> trigger/sequence-trigger Trigger ",
                "trigger/sequence-trigger -> sequence/sequence Subscriber subscriber", "broker/default -> trigger/display-trigger Trigger ",
                "trigger/display-trigger -> service/event-display Subscriber subscriber", "sequence/sequence -> broker/default Reply reply",
            ]
        },
        {
            "5-parallel",
            [
                "source/ping-source PingSource */1 * * * *",
                "parallel/odd-even-parallel Parallel 0. filter even-filter -> even-transformer|1. filter odd-filter -> odd-transformer",
                "service/event-display Service event display",
            ],
            ["source/ping-source -> parallel/odd-even-parallel Sink sink", "parallel/odd-even-parallel -> service/event-display Reply reply"]
        },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_has_its_boxes_and_arrows(string scenario, string[] nodes, string[] edges)
    {
        TopologyGraph graph = Graph(scenario);

        Assert.Equal(nodes, graph.Nodes.Select(n => $"{n.Id} {n.KindLabel} {string.Join('|', n.Lines)}"));
        Assert.Equal(edges, graph.Edges.Select(e => $"{e.From} -> {e.To} {e.Kind} {e.Label}"));
    }

    [Theory]
    [InlineData("2-reply-display", "cronjob-source", "sequence", "event-display")]
    [InlineData("3-cascade", "cronjob-source", "first-sequence", "second-sequence", "event-display")]
    [InlineData("4-broker-trigger", "cronjob-source", "default", "sequence-trigger,display-trigger", "sequence,event-display")]
    [InlineData("5-parallel", "ping-source", "odd-even-parallel", "event-display")]
    public void Columns_go_from_sources_to_replies_and_drop_empty_ones(string scenario, params string[] columns)
    {
        IReadOnlyList<IReadOnlyList<TopologyNode>> placed = TopologyColumns.Of(Graph(scenario));

        Assert.Equal(columns, placed.Select(c => string.Join(',', c.Select(n => n.Name))));
    }

    [Fact]
    public void Dead_letter_sinks_uris_and_step_sinks_are_drawn()
    {
        ManifestSet set = Load($"""
            {Manifests.StepService("first", 0)}{Manifests.StepService("second", 1)}{Manifests.Display}
            apiVersion: eventing.knative.dev/v1
            kind: Broker
            metadata:
              name: orders
            spec:
              delivery:
                deadLetterSink:
                  uri: https://dead.example.com/letters
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: audit
            spec:
              broker: orders
              subscriber:
                uri: http://audit.example.com/events
              delivery:
                deadLetterSink:
                  ref: {"{"}apiVersion: serving.knative.dev/v1, kind: Service, name: event-display{"}"}
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: fulfil
            spec:
              steps:
                - ref: {"{"}apiVersion: serving.knative.dev/v1, kind: Service, name: first{"}"}
                  delivery:
                    deadLetterSink:
                      ref: {"{"}apiVersion: serving.knative.dev/v1, kind: Service, name: event-display{"}"}
                - uri: https://tax.example.com/compute
                - ref: {"{"}apiVersion: serving.knative.dev/v1, kind: Service, name: second{"}"}
                  delivery:
                    deadLetterSink:
                      ref: {"{"}apiVersion: serving.knative.dev/v1, kind: Service, name: event-display{"}"}
            """);

        TopologyGraph graph = TopologyGraph.Of(set);

        Assert.Equal(["0. first", "1. https://tax.example.com/compute", "2. second"], graph.Node("sequence/fulfil").Lines);
        Assert.Equal(TopologyNodeKind.Endpoint, graph.Node("endpoint/https://dead.example.com/letters").Kind);
        Assert.Equal("URI", graph.Node("endpoint/http://audit.example.com/events").KindLabel);
        Assert.Equal(
            [
                "broker/orders -> endpoint/https://dead.example.com/letters DeadLetter dead letter",
                "broker/orders -> trigger/audit Trigger ",
                "trigger/audit -> endpoint/http://audit.example.com/events Subscriber subscriber",
                "trigger/audit -> service/event-display DeadLetter dead letter",
                "sequence/fulfil -> service/event-display DeadLetter dead letter, steps 0, 2",
            ],
            graph.Edges.Select(e => $"{e.From} -> {e.To} {e.Kind} {e.Label}"));
        // Services used only as steps are lines of their Sequence, not boxes.
        Assert.DoesNotContain(graph.Nodes, n => n.Name is "first" or "second");
    }

    [Fact]
    public void Resources_kept_out_by_their_errors_are_named_as_such_where_they_are_referred_to()
    {
        ManifestLoadResult loaded = Manifests.Load($"""
            {Manifests.StepService("first", 0)}
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata:
              name: own-image
            spec:
              template:
                spec:
                  containers:
                    - image: example.com/team/enricher
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: enrich
            spec:
              steps:
                - ref: {"{"}apiVersion: serving.knative.dev/v1, kind: Service, name: first{"}"}
                - ref: {"{"}apiVersion: serving.knative.dev/v1, kind: Service, name: own-image{"}"}
              reply:
                ref: {"{"}apiVersion: serving.knative.dev/v1, kind: Service, name: own-image{"}"}
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: to-missing
            spec:
              broker: default
              subscriber:
                ref: {"{"}apiVersion: serving.knative.dev/v1, kind: Service, name: nowhere{"}"}
            """);

        TopologyGraph graph = TopologyGraph.Of(loaded.Manifests!, loaded.Unread);
        ManifestLoadResult twice = Manifests.Load(Manifests.OneStepSequence() + "\n---\n" + TriggerToSequence + "\n---\n" + TriggerToSequence);

        Assert.True(twice.HasErrors);
        Assert.Single(TopologyGraph.Of(twice.Manifests!, twice.Unread).Nodes, n => n.Kind == TopologyNodeKind.Trigger); // declared twice, drawn once
        Assert.True(loaded.HasErrors);
        Assert.Equal([("Service", "own-image")], loaded.Unread);
        Assert.Equal(["0. first", "1. Service/own-image (has errors)"], graph.Node("sequence/enrich").Lines);
        Assert.Equal(["has errors"], graph.Node("endpoint/Service/own-image").Lines);
        Assert.Equal(["not in the manifests"], graph.Node("endpoint/Service/nowhere").Lines);
    }

    private const string TriggerToSequence = """
        apiVersion: eventing.knative.dev/v1
        kind: Trigger
        metadata:
          name: twice
        spec:
          broker: default
          subscriber:
            ref: { apiVersion: flows.knative.dev/v1, kind: Sequence, name: seq }
        """;

    internal static TopologyGraph Graph(string scenario) =>
        TopologyGraph.Of(new ManifestLoader().Load([Manifests.Samples(scenario)]).EnsureValid());

    internal static ManifestSet Load(string yaml) => Manifests.Load(yaml).EnsureValid();
}
