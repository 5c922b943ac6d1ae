namespace FunctionsSequence.Tests.Shared;

/// <summary>
/// Broker <c>default</c> with two Triggers whose filters name its hop counter, which Knative's filter handler deletes
/// before filtering: <c>counter-hidden</c> (<c>NOT EXISTS knativebrokerttl</c>) takes every event, <c>counter-seen</c>
/// (<c>knativebrokerttl: "254"</c>) none. Each subscriber is YAML in flow style.
/// </summary>
internal static class HiddenCounterManifests
{
    public static string Yaml(string hiddenSubscriber, string seenSubscriber) => $$"""
        apiVersion: eventing.knative.dev/v1
        kind: Broker
        metadata: { name: default }
        ---
        apiVersion: eventing.knative.dev/v1
        kind: Trigger
        metadata: { name: counter-hidden }
        spec:
          broker: default
          filters: [ { cesql: "NOT EXISTS knativebrokerttl" } ]
          subscriber: {{hiddenSubscriber}}
        ---
        apiVersion: eventing.knative.dev/v1
        kind: Trigger
        metadata: { name: counter-seen }
        spec:
          broker: default
          filter: { attributes: { knativebrokerttl: "254" } }
          subscriber: {{seenSubscriber}}
        """;
}
