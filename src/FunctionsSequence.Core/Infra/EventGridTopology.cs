using System.Text.Json.Serialization;

namespace FunctionsSequence.Core.Infra;

/// <summary>
/// The Brokers and Triggers of the manifests as Event Grid topics and subscriptions: what
/// <c>fseq export-infra</c> writes and <c>infra/main.bicep</c> loads, so the manifests stay the
/// one source of truth.
/// </summary>
public sealed record EventGridTopology(
    [property: JsonPropertyName("$comment")] string Comment,
    IReadOnlyList<EventGridTopic> Brokers,
    IReadOnlyList<EventGridSubscription> Triggers);

/// <summary>One Broker: one custom topic.</summary>
/// <param name="Name">The Broker name.</param>
/// <param name="Topic">The topic's name after the deployment's prefix: the Broker name, shortened with a hash when a topic name could not hold it.</param>
/// <param name="Setting">The Broker name as app settings spell it (<c>FunctionsSequence__Brokers__{Setting}__TopicEndpoint</c>): '-', which setting names may not hold, as '_', which Knative names never hold.</param>
public sealed record EventGridTopic(string Name, string Topic, string Setting);

/// <summary>One Trigger: one event subscription on its Broker's topic.</summary>
/// <param name="Name">The Trigger name (the subscription name and the last segment of its route).</param>
/// <param name="Broker">The Broker.</param>
/// <param name="Topic">Its topic's name segment (<see cref="EventGridTopic.Topic"/>).</param>
/// <param name="IncludedEventTypes">The <c>type</c> filter, if any.</param>
/// <param name="AdvancedFilters">The other attribute filters Event Grid can express.</param>
/// <param name="FilteredInApp">True when part of the filter cannot be expressed in Event Grid; the app applies the whole filter again either way.</param>
/// <param name="MaxDeliveryAttempts">Event Grid attempts (1-30): the Trigger's (else Broker's) retry + 1, Event Grid's 30 when neither sets one.</param>
/// <param name="EventTimeToLiveInMinutes">How long Event Grid keeps trying.</param>
public sealed record EventGridSubscription(
    string Name,
    string Broker,
    string Topic,
    IReadOnlyList<string> IncludedEventTypes,
    IReadOnlyList<EventGridAdvancedFilter> AdvancedFilters,
    bool FilteredInApp,
    int MaxDeliveryAttempts,
    int EventTimeToLiveInMinutes);

/// <summary>An Event Grid advanced filter (<c>operatorType</c>, <c>key</c>, <c>values</c>), as ARM takes it.</summary>
public sealed record EventGridAdvancedFilter(
    string OperatorType,
    string Key,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Values);
