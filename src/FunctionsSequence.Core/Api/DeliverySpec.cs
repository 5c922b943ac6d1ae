namespace FunctionsSequence.Core.Api;

/// <summary>How back-off delays grow between retries.</summary>
public enum BackoffPolicy
{
    /// <summary>delay × 2^n.</summary>
    Exponential,

    /// <summary>delay × n.</summary>
    Linear,
}

/// <summary>Knative's <c>delivery</c>: retries, back-off, per-attempt timeout and dead-letter sink.</summary>
public sealed record DeliverySpec(
    int? Retry = null,
    BackoffPolicy BackoffPolicy = BackoffPolicy.Exponential,
    TimeSpan? BackoffDelay = null,
    TimeSpan? Timeout = null,
    Destination? DeadLetterSink = null)
{
    /// <summary>No retries, no dead-letter sink: what Knative does when <c>delivery</c> is absent.</summary>
    public static readonly DeliverySpec None = new();

    /// <summary>Combines a Trigger's delivery with its Broker's: each field set on the Trigger wins.</summary>
    public static DeliverySpec? Merge(DeliverySpec? trigger, DeliverySpec? broker)
    {
        if (trigger is null)
        {
            return broker;
        }

        if (broker is null)
        {
            return trigger;
        }

        return new DeliverySpec(
            trigger.Retry ?? broker.Retry,
            trigger.BackoffDelay is null && trigger.Retry is null ? broker.BackoffPolicy : trigger.BackoffPolicy,
            trigger.BackoffDelay ?? broker.BackoffDelay,
            trigger.Timeout ?? broker.Timeout,
            trigger.DeadLetterSink ?? broker.DeadLetterSink);
    }
}
