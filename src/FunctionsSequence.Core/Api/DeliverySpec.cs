namespace FunctionsSequence.Core.Api;

/// <summary>
/// Knative's <c>delivery</c>: retries, back-off (and how far a Retry-After may stretch it), per-attempt timeout, dead-letter
/// sink and the requests' content mode. A field left null was not written. Without a back-off policy retries do not
/// wait, whatever <see cref="BackoffDelay"/> says, as in Knative (RetryConfigFromDeliverySpec).
/// </summary>
public sealed record DeliverySpec(
    int? Retry = null,
    BackoffPolicy? BackoffPolicy = null,
    TimeSpan? BackoffDelay = null,
    TimeSpan? Timeout = null,
    Destination? DeadLetterSink = null,
    DeliveryFormat? Format = null,
    TimeSpan? RetryAfterMax = null)
{
    /// <summary>No retries, no dead-letter sink: what Knative does when <c>delivery</c> is absent.</summary>
    public static readonly DeliverySpec None = new();

    /// <summary>
    /// What Knative gives a Broker that writes no <c>delivery</c> (config-br-defaults as Knative installs it, applied by
    /// BrokerSpec.SetDefaults): 10 retries, exponential from 0.2 s, no dead-letter sink.
    /// </summary>
    public static readonly DeliverySpec BrokerDefault = new(Retry: 10, BackoffPolicy: Api.BackoffPolicy.Exponential, BackoffDelay: TimeSpan.FromMilliseconds(200));

    /// <summary>
    /// The delivery that applies, given the one it falls back to (a Trigger's and its Broker's, a step's or branch's and its
    /// channel template's), as Knative resolves them (the Trigger reconciler; the Subscription reconciler's deliverySpec):
    /// retries, back-off, timeout and retryAfterMax come as one block from <paramref name="own"/> when it is written at all,
    /// so that a Trigger whose delivery names only a dead-letter sink has no retries; the dead-letter sink and the format
    /// fall back each on its own.
    /// </summary>
    public static DeliverySpec? Resolve(DeliverySpec? own, DeliverySpec? fallback) =>
        own is null ? fallback
        : fallback is null ? own
        : own with { DeadLetterSink = own.DeadLetterSink ?? fallback.DeadLetterSink, Format = own.Format ?? fallback.Format };
}
