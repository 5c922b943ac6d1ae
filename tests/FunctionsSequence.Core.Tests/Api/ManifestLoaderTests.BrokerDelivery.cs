using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>The delivery a Trigger gets, as Knative resolves it: its Broker's defaults (config-br-defaults) and the Trigger's own as one block.</summary>
public sealed partial class ManifestLoaderTests
{
    private static string BrokerWithTrigger(string brokerSpec, string triggerDelivery = "") => Manifests.Display + $$"""
        apiVersion: eventing.knative.dev/v1
        kind: Broker
        metadata:
          name: events
        {{brokerSpec}}
        ---
        apiVersion: eventing.knative.dev/v1
        kind: Trigger
        metadata:
          name: t
        spec:
          broker: events
          subscriber:
            ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
        {{triggerDelivery}}
        """;

    [Theory]
    [InlineData("", 11, BackoffPolicy.Exponential)]
    [InlineData("spec: {}", 11, BackoffPolicy.Exponential)]
    [InlineData("spec: { delivery: }", 11, BackoffPolicy.Exponential)]
    [InlineData("spec: { delivery: {} }", 1, null)]
    [InlineData("spec: { delivery: { retry: 2 } }", 3, null)]
    public void A_broker_that_writes_no_delivery_gets_knatives_default_and_one_that_writes_any_keeps_its_own(string brokerSpec, int attempts, BackoffPolicy? policy)
    {
        ManifestSet set = Manifests.Load(BrokerWithTrigger(brokerSpec)).EnsureValid();

        DeliverySpec? delivery = set.DeliveryOf(set.RequireTrigger("t"));
        Assert.Equal(attempts, DeliveryPolicy.MaxAttempts(delivery));
        Assert.Equal(policy, delivery?.BackoffPolicy);
    }

    [Fact]
    public void The_default_broker_a_trigger_implies_gets_knatives_default_delivery_too()
    {
        ManifestSet set = Manifests.Load(BrokerWithTrigger("").Replace("broker: events", "broker: default", StringComparison.Ordinal)).EnsureValid();

        Assert.Same(DeliverySpec.BrokerDefault, set.DeliveryOf(set.RequireTrigger("t")));
    }

    [Fact]
    public void A_trigger_whose_delivery_names_only_a_dead_letter_sink_has_no_retries_as_in_knative()
    {
        ManifestSet set = Manifests.Load(BrokerWithTrigger("", """
              delivery:
                deadLetterSink:
                  ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
            """)).EnsureValid();

        DeliverySpec delivery = set.DeliveryOf(set.RequireTrigger("t"))!;
        Assert.Equal(1, DeliveryPolicy.MaxAttempts(delivery));
        Assert.Equal("event-display", delivery.DeadLetterSink!.Ref!.Name);
    }

    [Fact]
    public void A_backoff_delay_without_a_policy_is_warned_to_have_no_effect()
    {
        ManifestLoadResult result = Manifests.Load(BrokerWithTrigger("", """
              delivery: { retry: 3, backoffDelay: PT2S }
            """));

        ManifestDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, "Trigger/t", "spec.delivery.backoffDelay"), (warning.Severity, warning.Resource, warning.Field));
        Assert.Contains("no effect without backoffPolicy", warning.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.Zero, DeliveryPolicy.Backoff(result.EnsureValid().DeliveryOf(result.EnsureValid().RequireTrigger("t")), 1));
    }
}
