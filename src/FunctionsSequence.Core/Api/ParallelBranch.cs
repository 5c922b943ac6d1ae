namespace FunctionsSequence.Core.Api;

/// <summary>One branch of a Parallel: every event goes to it; its filter, if any, decides whether the subscriber gets it.</summary>
/// <param name="Filter">A destination that answers with the event to pass it, or with no event (or a failure) to drop it; null takes every event.</param>
/// <param name="Subscriber">Where a passing event goes.</param>
/// <param name="Reply">Where the subscriber's reply goes; null: the Parallel's reply.</param>
/// <param name="Delivery">How delivery to the subscriber is retried, and where it goes when it fails for good.</param>
/// <param name="FilterDelivery">The filter's: the channel template's, as Knative's filter subscription has no delivery of its own (its attempt's timeout here, as the filter is tried once).</param>
public sealed record ParallelBranch(Destination? Filter, Destination Subscriber, Destination? Reply, DeliverySpec? Delivery, DeliverySpec? FilterDelivery = null);
