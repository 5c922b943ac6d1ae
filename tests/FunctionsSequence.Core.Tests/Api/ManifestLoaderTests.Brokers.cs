using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>How a Trigger names its Broker, beyond what Knative's validation table covers: what runs, and where a miss is reported.</summary>
public sealed partial class ManifestLoaderTests
{
    private static string BrokerTrigger(string apiVersion, string broker) => Manifests.Display + $$"""
        apiVersion: eventing.knative.dev/v1
        kind: Broker
        metadata:
          name: events
        spec:
          delivery:
            retry: 4
        ---
        apiVersion: {{apiVersion}}
        kind: Trigger
        metadata:
          name: t
        spec:
        {{broker}}
          subscriber:
            ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
        """;

    [Fact]
    public void A_brokerRef_names_the_broker_the_trigger_receives_from_and_takes_its_delivery_from()
    {
        ManifestSet set = Manifests.Load(BrokerTrigger("eventing.knative.dev/v1", """
              brokerRef:
                name: events
            """)).EnsureValid();

        TriggerResource trigger = set.RequireTrigger("t");
        Assert.Equal("events", trigger.Broker);
        Assert.Equal([trigger], set.TriggersOf("events"));
        Assert.Equal(4, set.DeliveryOf(trigger)!.Retry);
    }

    [Theory]
    [InlineData("""
          brokerRef:
            name: evnets
        """, "spec.brokerRef.name", 25)]
    [InlineData("""
          broker: evnets
        """, "spec.broker", 24)]
    public void A_broker_that_does_not_exist_is_reported_where_it_is_named(string broker, string field, int line)
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(BrokerTrigger("eventing.knative.dev/v1", broker)));

        Assert.Equal(field, error.Field);
        Assert.Equal(line, error.Location.Line);
        Assert.Contains("Broker 'evnets' does not exist; did you mean 'events'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_broker_beside_the_implied_default_one_is_told_that_default_was_not_declared()
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load("""
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: to-default
            spec:
              broker: default
              subscriber: { uri: http://example.com/ }
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: to-orders
            spec:
              broker: orders
              subscriber: { uri: http://example.com/ }
            """));

        Assert.Equal("spec.broker", error.Field);
        Assert.EndsWith(
            "Broker 'orders' does not exist (none is declared; 'default' is implied, as Knative's injection makes it): the manifests given are all there is here, so give the one that declares it too (several files, or their folder)",
            error.Message,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("  namespace: default\n", true)]
    public void A_dependency_in_another_namespace_is_refused_only_where_the_trigger_writes_its_own(string triggerNamespace, bool refused)
    {
        // kubectl apply -n shop: the Trigger leaves its namespace out, its dependency names shop.
        string yaml = BrokerTrigger("eventing.knative.dev/v1", "  broker: events").Replace(
            "  name: t\n",
            "  name: t\n" + triggerNamespace + "  annotations:\n    knative.dev/dependency: '{\"apiVersion\": \"sources.knative.dev/v1\", \"kind\": \"PingSource\", \"name\": \"ping\", \"namespace\": \"shop\"}'\n",
            StringComparison.Ordinal);

        ManifestLoadResult result = Manifests.Load(yaml);

        Assert.Equal(refused, result.HasErrors);
        if (refused)
        {
            // Knative refuses the Trigger: nothing is said of a dependency it would wait for.
            Assert.Equal("metadata.annotations.knative.dev/dependency.namespace", Assert.Single(result.Diagnostics, d => d.Field.StartsWith("metadata.annotations", StringComparison.Ordinal)).Field);
        }
    }

    [Theory]
    [InlineData("PingSource", "ping", null)]
    [InlineData("pingsource", "ping", null)] // a kind in any case, as Knative looks it up
    [InlineData("PingSource", "pnig", "PingSource 'pnig' is not declared in these manifests; did you mean 'ping'?: Knative reports this Trigger not ready")]
    [InlineData("PingSource", "other", "PingSource 'other' is not declared in these manifests: Knative reports this Trigger not ready")]
    public void A_dependency_these_manifests_do_not_declare_is_warned_about(string kind, string name, string? warning)
    {
        string yaml = BrokerTrigger("eventing.knative.dev/v1", "  broker: events").Replace(
            "  name: t\n",
            "  name: t\n  annotations:\n    knative.dev/dependency: '{\"apiVersion\": \"sources.knative.dev/v1\", \"kind\": \"" + kind + "\", \"name\": \"" + name + "\"}'\n",
            StringComparison.Ordinal) + """

            ---
            apiVersion: sources.knative.dev/v1
            kind: PingSource
            metadata: { name: ping }
            spec:
              schedule: "*/1 * * * *"
              sink: { ref: { apiVersion: eventing.knative.dev/v1, kind: Broker, name: events } }
            """;

        ManifestLoadResult result = Manifests.Load(yaml);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        ManifestDiagnostic[] dependency = [.. result.Diagnostics.Where(d => d.Field == "metadata.annotations.knative.dev/dependency.name")];
        if (warning is null)
        {
            Assert.Empty(dependency);
        }
        else
        {
            Assert.StartsWith(warning, Assert.Single(dependency).Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("back", false)]
    [InlineData("events", true)]
    public void A_broker_may_be_a_triggers_subscriber_and_one_that_is_its_own_broker_is_warned_about(string subscriber, bool loops)
    {
        string yaml = BrokerTrigger("eventing.knative.dev/v1", "  broker: events")
            .Replace("ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }", $"ref: {{ apiVersion: eventing.knative.dev/v1, kind: Broker, name: {subscriber} }}", StringComparison.Ordinal)
            + "\n---\napiVersion: eventing.knative.dev/v1\nkind: Broker\nmetadata:\n  name: back\n";

        ManifestLoadResult result = Manifests.Load(yaml);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Equal(ResourceKind.Broker, result.EnsureValid().RequireTrigger("t").Subscriber.Ref!.Kind);
        Assert.Equal(loops, result.Diagnostics.Any(d => d.Message.Contains("loops until the hop limit", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("b: a", "Trigger/a-to-b", "hands events to Broker 'b' and Trigger/b-to-a hands them back to 'a' unchanged")]
    [InlineData("b: c\nc: a", "Trigger/a-to-b", "hands events to Broker 'b' and Trigger/b-to-c, Trigger/c-to-a hand them back to 'a' unchanged")]
    [InlineData("b: c\nc: b", "Trigger/b-to-c", "hands events to Broker 'c' and Trigger/c-to-b hands them back to 'b' unchanged")]
    [InlineData("b: c", null, null)]
    public void A_ring_of_brokers_that_hand_events_on_is_warned_about_once(string forwards, string? resource, string? message)
    {
        // Broker a always forwards to b; each "x: y" line adds a Trigger on x whose subscriber is Broker y.
        string Forward(string from, string to) => $$"""
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: {{from}}-to-{{to}}
            spec:
              broker: {{from}}
              subscriber:
                ref: { apiVersion: eventing.knative.dev/v1, kind: Broker, name: {{to}} }

            """;
        IEnumerable<string> documents = new[] { "a", "b", "c" }.Select(b => $"apiVersion: eventing.knative.dev/v1\nkind: Broker\nmetadata:\n  name: {b}\n")
            .Append(Forward("a", "b"))
            .Concat(forwards.Split('\n').Select(line => line.Split(": ")).Select(pair => Forward(pair[0], pair[1])));

        ManifestLoadResult result = Manifests.Load(string.Join("---\n", documents));

        ManifestDiagnostic[] rings = [.. result.Diagnostics.Where(d => d.Message.Contains("until the hop limit", StringComparison.Ordinal))];
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        if (message is null)
        {
            Assert.Empty(rings);
        }
        else
        {
            ManifestDiagnostic ring = Assert.Single(rings);
            Assert.Equal(DiagnosticSeverity.Warning, ring.Severity);
            Assert.Equal((resource, "spec.subscriber"), (ring.Resource, ring.Field));
            Assert.Contains(message, ring.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_subscriber_written_as_a_url_is_one_error_at_its_line_and_the_delivery_is_still_checked()
    {
        string yaml = BrokerTrigger("eventing.knative.dev/v1", "  broker: events")
            .Replace("  subscriber:\n    ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }", "  subscriber: http://foo\n  delivery:\n    retry: three", StringComparison.Ordinal);

        ManifestDiagnostic[] errors = [.. Manifests.Load(yaml).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)];

        Assert.Equal(["spec.subscriber", "spec.delivery.retry"], errors.Select(e => e.Field));
        Assert.Contains("expected a mapping", errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(yaml.Split('\n').ToList().FindIndex(l => l.Contains("subscriber: http://foo", StringComparison.Ordinal)) + 1, errors[0].Location.Line);
    }

    [Theory]
    [InlineData("Kafka", true)]
    [InlineData("MTChannelBasedBroker", false)]
    public void A_broker_class_other_than_knatives_default_is_warned_about(string brokerClass, bool warned)
    {
        string yaml = BrokerTrigger("eventing.knative.dev/v1", "  broker: events")
            .Replace("  name: events\n", $"  name: events\n  annotations:\n    eventing.knative.dev/broker.class: {brokerClass}\n", StringComparison.Ordinal);

        ManifestLoadResult result = Manifests.Load(yaml);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Equal(warned, result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Warning && d.Message.StartsWith($"the class '{brokerClass}' is not run as such", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_brokerRef_to_something_other_than_a_broker_is_an_error()
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(BrokerTrigger("eventing.knative.dev/v1", """
              brokerRef:
                kind: Channel
                name: events
            """)));

        Assert.Equal("spec.brokerRef.kind", error.Field);
        Assert.Contains("'Channel'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eventing.knative.dev/v1alpha1")]
    [InlineData("eventing.knative.dev/v1beta1")]
    public void Before_v1_a_trigger_without_a_broker_receives_from_default(string apiVersion)
    {
        ManifestSet set = Manifests.Load(BrokerTrigger(apiVersion, string.Empty)).EnsureValid();

        Assert.Equal(BrokerResource.DefaultName, set.RequireTrigger("t").Broker);
        Assert.True(set.Brokers[BrokerResource.DefaultName].Implied);
    }

    [Theory]
    [InlineData("steps:\n    - ref: { apiVersion: eventing.knative.dev/v1, kind: Broker, name: default }")]
    [InlineData("steps:\n    - uri: http://example.com/\n      delivery: { deadLetterSink: { ref: { apiVersion: eventing.knative.dev/v1, kind: Broker, name: default } } }")]
    public void A_step_or_its_sink_that_names_the_default_broker_implies_it_as_a_reply_does(string spec)
    {
        ManifestSet set = Manifests.Load($"apiVersion: flows.knative.dev/v1\nkind: Sequence\nmetadata:\n  name: s\nspec:\n  {spec}\n").EnsureValid();

        Assert.True(set.Brokers[BrokerResource.DefaultName].Implied);
    }

    [Theory]
    [InlineData("Trigger", "metadata:\n  name: t\nspec:\n  broker: orders\n  subscriber: { uri: http://example.com/ }\n  delivery:\n")]
    [InlineData("Broker", "metadata:\n  name: other\nspec:\n  delivery:\n")]
    public void A_trigger_s_or_another_broker_s_sink_that_names_the_default_broker_implies_it(string kind, string resource)
    {
        string yaml = "apiVersion: eventing.knative.dev/v1\nkind: Broker\nmetadata:\n  name: orders\n---\n"
            + $"apiVersion: eventing.knative.dev/v1\nkind: {kind}\n{resource}    deadLetterSink: {{ ref: {{ apiVersion: eventing.knative.dev/v1, kind: Broker, name: default }} }}\n";

        ManifestSet set = Manifests.Load(yaml).EnsureValid();

        Assert.True(set.Brokers[BrokerResource.DefaultName].Implied);
    }
}
