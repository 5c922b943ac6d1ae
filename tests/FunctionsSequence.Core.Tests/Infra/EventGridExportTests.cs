using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Infra;
using FunctionsSequence.Core.Manifests;

namespace FunctionsSequence.Core.Tests.Infra;

public sealed class EventGridExportTests
{
    [Fact]
    public void Seed_scenario_4_is_one_topic_and_two_subscriptions_filtered_on_type()
    {
        ManifestSet set = new ManifestLoader().Load([Manifests.Samples("4-broker-trigger")]).EnsureValid();

        EventGridTopology topology = EventGridExport.Export(set, "samples/4-broker-trigger");

        Assert.Equal("default", Assert.Single(topology.Brokers).Name);
        Assert.Equal(2, topology.Triggers.Count);
        EventGridSubscription display = topology.Triggers.Single(t => t.Name == "display-trigger");
        EventGridSubscription sequence = topology.Triggers.Single(t => t.Name == "sequence-trigger");
        Assert.Equal(["samples.http.mod3"], display.IncludedEventTypes);
        Assert.Equal(["dev.knative.cronjob.event"], sequence.IncludedEventTypes);
        Assert.All(topology.Triggers, t =>
        {
            Assert.Equal("default", t.Broker);
            Assert.Empty(t.AdvancedFilters);
            Assert.False(t.FilteredInApp);
            Assert.Equal(11, t.MaxDeliveryAttempts); // the Broker writes no delivery: Knative's default of 10 retries
        });
    }

    [Fact]
    public void A_cesql_filter_has_no_event_grid_form_so_the_subscription_delivers_what_the_rest_allows_and_the_app_filters()
    {
        EventGridSubscription subscription = ExportTrigger("""
              filters:
                - exact: { type: dev.knative.ping }
                - cesql: "EXISTS somekey AND somekey LIKE 'a%'"
            """);

        Assert.Equal(["dev.knative.ping"], subscription.IncludedEventTypes);
        Assert.Empty(subscription.AdvancedFilters);
        Assert.True(subscription.FilteredInApp);
    }

    [Fact]
    public void Filters_beyond_what_event_grid_takes_on_a_subscription_are_left_to_the_app()
    {
        string attributes = string.Join(", ", Enumerable.Range(0, 26).Select(i => $"x{i}: v{i}"));
        EventGridSubscription many = ExportTrigger($"  filter:\n    attributes: {{ {attributes} }}\n");
        EventGridSubscription longValue = ExportTrigger($"  filters:\n    - prefix: {{ subject: {new string('s', 513)} }}\n    - exact: {{ region: eu }}\n");

        Assert.Equal(25, many.AdvancedFilters.Count); // 25 values in all on a subscription, as Event Grid takes them
        Assert.True(many.FilteredInApp);
        Assert.Equal(("StringIn", "region"), (Assert.Single(longValue.AdvancedFilters).OperatorType, longValue.AdvancedFilters[0].Key)); // a value over 512 characters
        Assert.True(longValue.FilteredInApp);
    }

    [Fact]
    public void A_broker_name_knative_accepts_gets_a_topic_name_event_grid_accepts_and_a_setting_name_app_settings_accept()
    {
        string longName = "orders-from-the-eu-west-warehouse-and-the-returns-desk"; // 54 of Knative's 63
        string yaml = Manifests.Display + $$"""
            apiVersion: eventing.knative.dev/v1
            kind: Broker
            metadata: { name: {{longName}} }
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata: { name: to-display }
            spec:
              broker: {{longName}}
              subscriber: { ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display } }
            """;
        EventGridTopology topology = EventGridExport.Export(Manifests.Load(yaml).EnsureValid(), "test");

        EventGridTopic topic = Assert.Single(topology.Brokers);
        Assert.Equal(longName, topic.Name);
        Assert.True(topic.Topic.Length <= EventGridNames.MaxTopicSegment, topic.Topic);
        Assert.Matches("^[a-z0-9-]+$", topic.Topic);
        Assert.StartsWith("orders-from-the-eu-we", topic.Topic, StringComparison.Ordinal);
        Assert.NotEqual(EventGridNames.TopicSegment(longName + "-2"), topic.Topic); // names that share a start still differ
        Assert.Equal(topic.Topic, Assert.Single(topology.Triggers).Topic);
        Assert.Equal("orders_from_the_eu_west_warehouse_and_the_returns_desk", topic.Setting);
        Assert.Equal(longName, EventGridNames.BrokerOfSetting(topic.Setting));
        Assert.Equal("default", EventGridNames.TopicSegment("default"));
    }

    private static EventGridSubscription ExportTrigger(string spec)
    {
        string yaml = Manifests.Display + $$"""
            apiVersion: eventing.knative.dev/v1
            kind: Broker
            metadata:
              name: events
            spec:
              delivery:
                retry: 9
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: t
            spec:
              broker: events
            {{spec}}
              subscriber:
                ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
            """;
        return Assert.Single(EventGridExport.Export(Manifests.Load(yaml).EnsureValid(), "test").Triggers);
    }

    [Fact]
    public void Exact_attributes_become_advanced_filters_and_empty_means_is_not_null()
    {
        EventGridSubscription subscription = ExportTrigger("""
              filter:
                attributes:
                  type: order.created
                  source: /shop
                  id: order-7
                  specversion: "1.0"
                  traceid: ""
            """);

        Assert.Equal(["order.created"], subscription.IncludedEventTypes);
        Assert.Equal(
            [
                new EventGridAdvancedFilter("StringIn", "id", ["order-7"]), new EventGridAdvancedFilter("StringIn", "source", ["/shop"]),
                new EventGridAdvancedFilter("StringIn", "specversion", ["1.0"]), new EventGridAdvancedFilter("IsNotNull", "traceid", null),
            ],
            subscription.AdvancedFilters.Select(f => f with { Values = f.Values?.ToArray() }),
            new AdvancedFilterComparer());
        Assert.True(subscription.FilteredInApp); // "non-empty" is checked by the app
    }

    [Fact]
    public void Prefix_and_suffix_translate_and_not_is_left_to_the_app()
    {
        EventGridSubscription prefix = ExportTrigger("""
              filters:
                - prefix: { type: com.shop. }
                - suffix: { source: /eu }
            """);
        EventGridSubscription negated = ExportTrigger("""
              filters:
                - not: { exact: { type: noise } }
            """);

        Assert.Equal(["StringBeginsWith:type", "StringEndsWith:source"], prefix.AdvancedFilters.Select(f => $"{f.OperatorType}:{f.Key}"));
        Assert.False(prefix.FilteredInApp);
        Assert.Empty(negated.AdvancedFilters);
        Assert.True(negated.FilteredInApp);
    }

    [Theory]
    [InlineData("filter: { attributes: { type: order.created, time: \"2026-01-02T03:04:05Z\" } }")]
    [InlineData("filters: [ { exact: { type: order.created, datamediatype: application/json } } ]")]
    [InlineData("filters: [ { prefix: { schemaurl: https://schemas.example/ } }, { exact: { type: order.created } } ]")]
    [InlineData("filter: { attributes: { type: order.created, knativebrokerttl: \"254\" } }")]
    [InlineData("filter: { attributes: { type: order.created, subject: orders/7 } }")] // keys Event Grid does not document for CloudEvents
    [InlineData("filters: [ { prefix: { subject: orders/ } }, { exact: { type: order.created } } ]")]
    [InlineData("filter: { attributes: { type: order.created, datacontenttype: application/json } }")]
    [InlineData("filters: [ { suffix: { dataschema: /v1 } }, { exact: { type: order.created } } ]")]
    public void Attributes_knative_reads_otherwise_than_sent_are_left_to_the_app(string filter)
    {
        EventGridSubscription subscription = ExportTrigger($"  {filter}\n");

        Assert.Equal(["order.created"], subscription.IncludedEventTypes);
        Assert.Empty(subscription.AdvancedFilters); // Event Grid would compare the time as sent, has no such 0.3 names, sees the hop counter, documents no such keys
        Assert.True(subscription.FilteredInApp);
    }

    [Fact]
    public void Retry_comes_from_the_trigger_else_the_broker_as_attempts()
    {
        Assert.Equal(10, ExportTrigger("").MaxDeliveryAttempts);
        Assert.Equal(3, ExportTrigger("""
              delivery:
                retry: 2
            """).MaxDeliveryAttempts);
    }

    private sealed class AdvancedFilterComparer : IEqualityComparer<EventGridAdvancedFilter>
    {
        public bool Equals(EventGridAdvancedFilter? x, EventGridAdvancedFilter? y) =>
            x!.OperatorType == y!.OperatorType && x.Key == y.Key && (x.Values ?? []).SequenceEqual(y.Values ?? []);

        public int GetHashCode(EventGridAdvancedFilter obj) => obj.Key.GetHashCode(StringComparison.Ordinal);
    }
}
