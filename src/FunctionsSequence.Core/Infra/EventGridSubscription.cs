namespace FunctionsSequence.Core.Infra;

/// <summary>One Trigger: one event subscription on its Broker's topic.</summary>
/// <param name="Name">The Trigger name (the subscription name and the last segment of its route).</param>
/// <param name="Broker">The Broker.</param>
/// <param name="Topic">Its topic's name segment (<see cref="EventGridTopic.Topic"/>).</param>
/// <param name="IncludedEventTypes">The <c>type</c> filter, if any.</param>
/// <param name="AdvancedFilters">The other attribute filters Event Grid can express.</param>
/// <param name="FilteredInApp">True when part of the filter cannot be expressed in Event Grid; the app applies the whole filter again either way.</param>
/// <param name="MaxDeliveryAttempts">Event Grid attempts (1-30): the retry + 1 of the delivery that applies (the Trigger's, else its Broker's, which is Knative's default of 10 retries when the Broker writes none), Event Grid's 30 when that sets no retry.</param>
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
