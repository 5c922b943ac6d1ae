using System.Text.Json.Serialization;
using FunctionsSequence.Core.Delivery;

namespace FunctionsSequence.Core.Flows;

/// <summary>
/// What <see cref="Durable.TaskNames.DeliverReply"/> came to for a run that dead-letters (<see cref="Durable.ReplyInput.DeadLetters"/>):
/// the events the reply gave up, which the hop then dead-letters (Knative's dispatcher sends a reply it gave up to the
/// subscriber's dead-letter sink). Otherwise the activity fails instead, and so does the run.
/// </summary>
/// <param name="Failures">One per event of the activity's input, in order: the last failure of one given up, null for one delivered; empty when all were delivered.</param>
[JsonConverter(typeof(ReplyOutcomeJsonConverter))]
public sealed record ReplyOutcome(IReadOnlyList<DeliveryResult?> Failures)
{
    /// <summary>Every event delivered.</summary>
    public static ReplyOutcome Delivered { get; } = new([]);

    /// <summary>None of <paramref name="events"/> delivered, for one reason: a flow or Broker that did not take them together.</summary>
    public static ReplyOutcome Undelivered(int events, string error)
    {
        DeliveryResult failure = DeliveryResult.Failure(0, retryable: false, error);
        return new([.. Enumerable.Repeat<DeliveryResult?>(failure, events)]);
    }
}
