using FunctionsSequence.Core.Api;

namespace FunctionsSequence.Core.Delivery;

/// <summary>Knative's delivery arithmetic: how many attempts, and how long between them.</summary>
public static class DeliveryPolicy
{
    /// <summary>
    /// The time an attempt may take when its <c>delivery</c> sets no <c>timeout</c> (HttpClient's own
    /// default); a <c>timeout</c> may be longer or shorter, as in Knative.
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(100);

    /// <summary>
    /// A token for a call that no hop's <c>timeout</c> bounds (a reply, a source's tick, a Service's
    /// route): cancelled with <paramref name="cancellationToken"/>, or after <see cref="DefaultTimeout"/>.
    /// </summary>
    public static CancellationTokenSource DefaultBound(CancellationToken cancellationToken)
    {
        var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(DefaultTimeout);
        return bound;
    }

    /// <summary>
    /// Whether an attempt of <paramref name="attempt"/> fits in one function call of <paramref name="callLimit"/>, with,
    /// <paramref name="thenReply"/>, the reply's one try (bounded by <see cref="DefaultTimeout"/>) that a flow's last hop
    /// with a reply and a Trigger's delivery make in the same call.
    /// </summary>
    public static bool FitsInCall(TimeSpan attempt, bool thenReply, TimeSpan callLimit) => attempt < AttemptRoom(thenReply, callLimit);

    /// <summary>
    /// What to warn of when a function call of <paramref name="callLimit"/> cannot hold an attempt that no <c>delivery.timeout</c>
    /// bounds and the reply's one try after it (the loader checks the timeouts written); null when it can.
    /// </summary>
    public static string? CallLimitWarning(TimeSpan callLimit) =>
        FitsInCall(DefaultTimeout, thenReply: true, callLimit)
            ? null
            : $"functionTimeout {callLimit:c} leaves no room for an attempt without a delivery.timeout ({DefaultTimeout.TotalSeconds:0} s at most) " +
              $"and a reply's one try ({DefaultTimeout.TotalSeconds:0} s more): the host would cut such a call off and fail its run; set shorter timeouts or raise functionTimeout";

    /// <summary>What a function call of <paramref name="callLimit"/> leaves an attempt: all of it, or, <paramref name="thenReply"/>, less the reply's one try.</summary>
    public static TimeSpan AttemptRoom(bool thenReply, TimeSpan callLimit) => thenReply ? callLimit - DefaultTimeout : callLimit;

    /// <summary>Attempts in all: 1 + <c>retry</c> (no <c>delivery</c>: no retries, as in Knative).</summary>
    public static int MaxAttempts(DeliverySpec? delivery) => 1 + Math.Max(0, delivery?.Retry ?? 0);

    /// <summary>
    /// The wait before retry <paramref name="n"/> (0 for the first retry): linear delay×n,
    /// exponential delay×2^n, as Knative computes them.
    /// </summary>
    public static TimeSpan Backoff(DeliverySpec? delivery, int n)
    {
        TimeSpan delay = delivery?.BackoffDelay ?? TimeSpan.Zero;
        return delivery?.BackoffPolicy switch
        {
            BackoffPolicy.Linear => delay * n,
            BackoffPolicy.Exponential => delay * Math.Pow(2, n),
            _ => TimeSpan.Zero,
        };
    }

    /// <summary>
    /// The wait before retry <paramref name="n"/> after <paramref name="failures"/>: the back-off, or, when the delivery
    /// sets <c>retryAfterMax</c>, the Retry-After a 429 or 503 asked for, capped at it, if that is longer (Knative's
    /// dispatcher with delivery-retryafter on, generateBackoffFn in pkg/kncloudevents/retries.go; PT0S turns it off).
    /// Events retried together wait together, and they go to one destination: the longest ask holds for all.
    /// </summary>
    public static TimeSpan Backoff(DeliverySpec? delivery, int n, IEnumerable<DeliveryResult> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        TimeSpan backoff = Backoff(delivery, n);
        if (delivery?.RetryAfterMax is not { } max)
        {
            return backoff;
        }

        TimeSpan asked = TimeSpan.Zero;
        foreach (DeliveryResult failure in failures)
        {
            if (failure is { StatusCode: 429 or 503, RetryAfter: { } retryAfter } && retryAfter > asked)
            {
                asked = retryAfter;
            }
        }

        asked = asked < max ? asked : max;
        return asked > backoff ? asked : backoff;
    }
}
