namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// Two Brokers, a Trigger on the first whose subscriber is the second, a Trigger on the second to event-display, and a
/// Sequence whose one step is the second Broker: what fseq and the Functions host both run for a Broker as a subscriber.
/// And a third Broker with two Triggers that both match an event and hand it to one Sequence, whose step displays it:
/// two deliveries, so the Sequence runs twice and the event is displayed twice, as in Knative.
/// </summary>
public static class BrokerForwardScenario
{
    /// <summary>The CloudEvents source the tests send with.</summary>
    public const string Source = "/forward-tests";

    /// <summary>The manifests, one file.</summary>
    public const string Manifest = EventDisplayService.Manifest + "\n---\n" + """
        apiVersion: eventing.knative.dev/v1
        kind: Broker
        metadata:
          name: front
        ---
        apiVersion: eventing.knative.dev/v1
        kind: Broker
        metadata:
          name: back
        ---
        apiVersion: eventing.knative.dev/v1
        kind: Trigger
        metadata:
          name: forward
        spec:
          broker: front
          subscriber:
            ref: { apiVersion: eventing.knative.dev/v1, kind: Broker, name: back }
        ---
        apiVersion: eventing.knative.dev/v1
        kind: Trigger
        metadata:
          name: show
        spec:
          broker: back
          subscriber:
            ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
        ---
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata:
          name: into-back
        spec:
          steps:
            - ref: { apiVersion: eventing.knative.dev/v1, kind: Broker, name: back }
        ---
        apiVersion: eventing.knative.dev/v1
        kind: Broker
        metadata:
          name: both
        ---
        apiVersion: eventing.knative.dev/v1
        kind: Trigger
        metadata:
          name: by-type
        spec:
          broker: both
          filter:
            attributes:
              type: test.event
          subscriber:
            ref: { apiVersion: flows.knative.dev/v1, kind: Sequence, name: audit }
        ---
        apiVersion: eventing.knative.dev/v1
        kind: Trigger
        metadata:
          name: by-source
        spec:
          broker: both
          filter:
            attributes:
              source: /forward-tests
          subscriber:
            ref: { apiVersion: flows.knative.dev/v1, kind: Sequence, name: audit }
        ---
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata:
          name: audit
        spec:
          steps:
            - ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
        """;
}
