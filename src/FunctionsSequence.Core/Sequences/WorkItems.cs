using System.Text.Json;
using System.Text.Json.Serialization;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Sequences;

/// <summary>
/// Input of <see cref="TaskNames.SequenceOrchestrator"/>. Events travel as structured CloudEvents
/// JSON strings, so orchestration history holds exactly what arrived.
/// </summary>
/// <param name="Sequence">The Sequence name.</param>
/// <param name="Event">The event, structured-mode JSON.</param>
/// <param name="BrokerTtl">
/// The hop counter of the Broker event that started this run, kept out of the steps' sight (as
/// Knative hides it from subscribers) and carried to a reply into a Broker, so that a loop through
/// a Sequence still ends.
/// </param>
public sealed record SequenceInput(string Sequence, StructuredEvent Event, int? BrokerTtl = null);

/// <summary>Input of <see cref="TaskNames.RunStep"/>.</summary>
public sealed record StepInput(string Sequence, int Step, StructuredEvent Event);

/// <summary>Input of <see cref="TaskNames.DeliverReply"/>.</summary>
public sealed record ReplyInput(string Sequence, StructuredEvent Event, int? BrokerTtl);

/// <summary>Input of <see cref="TaskNames.TriggerOrchestrator"/> and <see cref="TaskNames.DeliverToSubscriber"/>.</summary>
/// <param name="Trigger">The Trigger name.</param>
/// <param name="Event">The event without its hop counter, structured-mode JSON.</param>
/// <param name="Ttl">The hop counter the event had in the Broker.</param>
public sealed record TriggerInput(string Trigger, StructuredEvent Event, int Ttl);

/// <summary>How a Sequence run ended.</summary>
/// <param name="StepsRun">How many steps ran.</param>
/// <param name="Replied">True when the last output went to the reply.</param>
/// <param name="EndedEarly">True when a step returned no event, which ends the chain as success.</param>
public sealed record SequenceOutcome(int StepsRun, bool Replied, bool EndedEarly)
{
    /// <summary>True when a step failed for good and its input went to the dead-letter sink.</summary>
    public bool DeadLettered { get; init; }

    /// <summary>Why the event failed for good with no dead-letter sink (in a batch, where the others go on); null otherwise.</summary>
    public string? Failure { get; init; }
}

/// <summary>One event of a batch, with the hop counter it carries (see <see cref="SequenceInput.BrokerTtl"/>).</summary>
/// <param name="Event">The event.</param>
/// <param name="BrokerTtl">The Broker hop counter, or null.</param>
[JsonConverter(typeof(BatchedEventJsonConverter))]
public sealed record BatchedEvent(StructuredEvent Event, int? BrokerTtl = null)
{
    /// <summary>One event of a batch from its structured-mode JSON.</summary>
    public BatchedEvent(string json, int? brokerTtl = null)
        : this(new StructuredEvent(json), brokerTtl)
    {
    }
}

/// <summary>
/// Writes an event with no hop counter (a Sequence's events from ingress or a source) as its JSON
/// string alone: a run's input is read again on every replay. Reads that and the object form,
/// which earlier versions wrote for every event and which events with a counter still take.
/// </summary>
public sealed class BatchedEventJsonConverter : JsonConverter<BatchedEvent>
{
    /// <inheritdoc />
    public override BatchedEvent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? new BatchedEvent(StructuredEvent.Read(ref reader))
            : JsonSerializer.Deserialize<Written>(ref reader, options) is { } written ? new BatchedEvent(written.Event, written.BrokerTtl) : null;

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, BatchedEvent value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.BrokerTtl is null)
        {
            value.Event.Write(writer);
            return;
        }

        JsonSerializer.Serialize(writer, new Written(value.Event, value.BrokerTtl), options);
    }

    /// <summary>The object form, with the record's property names.</summary>
    private sealed record Written(StructuredEvent Event, int? BrokerTtl);
}

/// <summary>
/// Input of <see cref="TaskNames.SequenceBatchOrchestrator"/>: events that arrived for the same
/// Sequence while earlier runs were busy, run together so the engine's cost per checkpoint is shared.
/// </summary>
/// <param name="Sequence">The Sequence name.</param>
/// <param name="Events">The events, each still run on its own path through the steps.</param>
public sealed record SequenceBatchInput(string Sequence, IReadOnlyList<BatchedEvent> Events);

/// <summary>Input of <see cref="TaskNames.RunStepBatch"/>: one attempt at step N for each event.</summary>
public sealed record StepBatchInput(string Sequence, int Step, IReadOnlyList<StructuredEvent> Events);

/// <summary>Input of <see cref="TaskNames.DeliverReplies"/>: the last outputs of a batch, for the Sequence's reply.</summary>
public sealed record RepliesInput(string Sequence, IReadOnlyList<BatchedEvent> Events);

/// <summary>How a batch run ended, counted over its events.</summary>
/// <param name="Events">Events in the batch.</param>
/// <param name="Replied">Events whose last output went to the reply (or that ran every step, with no reply set).</param>
/// <param name="EndedEarly">Events a step answered with no event.</param>
/// <param name="DeadLettered">Events sent to a dead-letter sink.</param>
public sealed record SequenceBatchOutcome(int Events, int Replied, int EndedEarly, int DeadLettered);

/// <summary>
/// Input of <see cref="TaskNames.TriggerBatchOrchestrator"/> and <see cref="TaskNames.DeliverToSubscriberBatch"/>:
/// events for the same Trigger, each without its hop counter, which <see cref="BatchedEvent.BrokerTtl"/> carries.
/// </summary>
public sealed record TriggerBatchInput(string Trigger, IReadOnlyList<BatchedEvent> Events);

/// <summary>How a batch of Trigger deliveries ended, counted over its events.</summary>
public sealed record TriggerBatchOutcome(int Events, int Delivered, int DeadLettered);
