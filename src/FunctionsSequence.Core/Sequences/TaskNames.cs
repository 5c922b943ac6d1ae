namespace FunctionsSequence.Core.Sequences;

/// <summary>
/// The names orchestrations and activities are registered under; the Functions app's function
/// names are these too, so both hosts run the same history.
/// </summary>
public static class TaskNames
{
    /// <summary>Runs one event through a Sequence's steps and delivers the reply.</summary>
    public const string SequenceOrchestrator = "SequenceOrchestrator";

    /// <summary>Runs a batch of events through a Sequence, each on its own path, sharing the checkpoints.</summary>
    public const string SequenceBatchOrchestrator = "SequenceBatchOrchestrator";

    /// <summary>Delivers one event from a Broker to one Trigger's subscriber.</summary>
    public const string TriggerOrchestrator = "TriggerOrchestrator";

    /// <summary>Delivers a batch of events from a Broker to one Trigger's subscriber, each on its own.</summary>
    public const string TriggerBatchOrchestrator = "TriggerBatchOrchestrator";

    /// <summary>Activity: runs a whole Sequence for one event (<c>checkpoint: sequence</c>).</summary>
    public const string RunSequence = "RunSequence";

    /// <summary>Activity: runs step N of a Sequence.</summary>
    public const string RunStep = "RunStep";

    /// <summary>Activity: runs a whole Sequence for each event of a batch (<c>checkpoint: sequence</c>).</summary>
    public const string RunSequenceBatch = "RunSequenceBatch";

    /// <summary>Activity: runs step N of a Sequence for each event of a batch.</summary>
    public const string RunStepBatch = "RunStepBatch";

    /// <summary>Activity: sends a batch's last outputs to the Sequence's reply.</summary>
    public const string DeliverReplies = "DeliverReplies";

    /// <summary>Activity: sends a Sequence's last output to its reply.</summary>
    public const string DeliverReply = "DeliverReply";

    /// <summary>Activity: sends an event to a Trigger's subscriber and its reply back to the Broker.</summary>
    public const string DeliverToSubscriber = "DeliverToSubscriber";

    /// <summary>Activity: one attempt at handing each event of a batch to a Trigger's subscriber.</summary>
    public const string DeliverToSubscriberBatch = "DeliverToSubscriberBatch";

    /// <summary>Activity: sends a failed hop's input to its dead-letter sink.</summary>
    public const string DeadLetter = "DeadLetter";
}
