namespace FunctionsSequence.Core.Durable;

/// <summary>
/// The names orchestrations and activities are registered under; the Functions app's function
/// names are these too, so both hosts run the same history. Every one takes a run of one or more
/// events: a lone event and a shared run follow the same path.
/// </summary>
public static class TaskNames
{
    /// <summary>Runs a Sequence's events through its steps and delivers their last outputs to its reply.</summary>
    public const string SequenceOrchestrator = "SequenceOrchestrator";

    /// <summary>Delivers a Broker's events to one Trigger's subscriber.</summary>
    public const string TriggerOrchestrator = "TriggerOrchestrator";

    /// <summary>Sends a Parallel's events down each of its branches.</summary>
    public const string ParallelOrchestrator = "ParallelOrchestrator";

    /// <summary>
    /// Activity: one attempt at a hop (a Sequence's step, a Parallel branch's filter or subscriber) for
    /// each event given; at a flow's last hop it also sends the answers to the flow's reply (<see cref="StepInput.ThenReply"/>).
    /// </summary>
    public const string RunStep = "RunStep";

    /// <summary>Activity: a whole Sequence for each event of a run, retries waiting in process (<c>checkpoint: sequence</c>).</summary>
    public const string RunSequence = "RunSequence";

    /// <summary>Activity: sends the answers of a flow's last hop to its reply when the hop's own activity did not (<c>DeliveryResult.Replied</c>): it could not, or was not asked to.</summary>
    public const string DeliverReply = "DeliverReply";

    /// <summary>Activity: one attempt at handing each event given to a Trigger's subscriber; replies go back to the Broker.</summary>
    public const string DeliverToSubscriber = "DeliverToSubscriber";

    /// <summary>Activity: sends a failed hop's input to its dead-letter sink.</summary>
    public const string DeadLetter = "DeadLetter";

    /// <summary>Every name above, for hosts and tests that list them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [SequenceOrchestrator, ParallelOrchestrator, TriggerOrchestrator, RunStep, RunSequence, DeliverReply, DeliverToSubscriber, DeadLetter];
}
