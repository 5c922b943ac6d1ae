using System.Text.Json.Serialization;
using FunctionsSequence.Core.Delivery;

namespace FunctionsSequence.Core.Flows;

/// <summary>
/// What <see cref="Durable.TaskNames.DeliverReply"/> came to when the hop that answered has a dead-letter sink: the
/// events the reply gave up, which the hop then dead-letters (Knative's dispatcher sends a reply it gave up to the
/// subscriber's dead-letter sink). Without a sink the activity fails instead, and so does the run.
/// </summary>
/// <param name="Failures">One per event of the activity's input, in order: the last failure of one given up, null for one delivered; empty when all were delivered.</param>
[JsonConverter(typeof(ReplyOutcomeJsonConverter))]
public sealed record ReplyOutcome(IReadOnlyList<DeliveryResult?> Failures)
{
    /// <summary>Every event delivered.</summary>
    public static ReplyOutcome Delivered { get; } = new([]);
}
