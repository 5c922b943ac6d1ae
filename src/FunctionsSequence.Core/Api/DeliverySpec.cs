namespace FunctionsSequence.Core.Api;

/// <summary>
/// Knative's <c>delivery</c>: retries, back-off (and how far a Retry-After may stretch it), per-attempt timeout, dead-letter
/// sink and the requests' content mode. A field
/// left null was not written, so a default can fill it; a policy never set is exponential, as in Knative.
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
    /// Combines a delivery with the one it falls back to (a Trigger's with its Broker's, a step's or
    /// branch's with its channel template's): each field set on <paramref name="own"/> wins.
    /// </summary>
    public static DeliverySpec? Merge(DeliverySpec? own, DeliverySpec? fallback)
    {
        if (own is null)
        {
            return fallback;
        }

        if (fallback is null)
        {
            return own;
        }

        return new DeliverySpec(
            own.Retry ?? fallback.Retry,
            own.BackoffPolicy ?? fallback.BackoffPolicy,
            own.BackoffDelay ?? fallback.BackoffDelay,
            own.Timeout ?? fallback.Timeout,
            own.DeadLetterSink ?? fallback.DeadLetterSink,
            own.Format ?? fallback.Format,
            own.RetryAfterMax ?? fallback.RetryAfterMax);
    }
}
