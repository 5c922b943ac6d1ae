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
public sealed record SequenceInput(string Sequence, string Event, int? BrokerTtl = null);

/// <summary>Input of <see cref="TaskNames.RunStep"/>.</summary>
public sealed record StepInput(string Sequence, int Step, string Event);

/// <summary>Input of <see cref="TaskNames.DeliverReply"/>.</summary>
public sealed record ReplyInput(string Sequence, string Event, int? BrokerTtl);

/// <summary>Input of <see cref="TaskNames.TriggerOrchestrator"/> and <see cref="TaskNames.DeliverToSubscriber"/>.</summary>
/// <param name="Trigger">The Trigger name.</param>
/// <param name="Event">The event without its hop counter, structured-mode JSON.</param>
/// <param name="Ttl">The hop counter the event had in the Broker.</param>
public sealed record TriggerInput(string Trigger, string Event, int Ttl);

/// <summary>How a Sequence run ended.</summary>
/// <param name="StepsRun">How many steps ran.</param>
/// <param name="Replied">True when the last output went to the reply.</param>
/// <param name="EndedEarly">True when a step returned no event, which ends the chain as success.</param>
public sealed record SequenceOutcome(int StepsRun, bool Replied, bool EndedEarly)
{
    /// <summary>True when a step failed for good and its input went to the dead-letter sink.</summary>
    public bool DeadLettered { get; init; }
}
