using FunctionsSequence.Core.Durable;

namespace FunctionsSequence.Functions;

/// <summary>
/// Every function's name. Orchestrators and activities are named as Core calls them
/// (<see cref="TaskNames"/>), so the same orchestration runs here and in fseq.
/// </summary>
public static class FunctionNames
{
    public const string SourceTimer = "SourceTimer";
    public const string PurgeTimer = "PurgeTimer";
    public const string SequenceIngress = "SequenceIngress";
    public const string ParallelIngress = "ParallelIngress";
    public const string BrokerIngress = "BrokerIngress";
    public const string ServiceIngress = "ServiceIngress";
    public const string TriggerDelivery = "TriggerDelivery";
    public const string DeadLetters = "DeadLetters";
    public const string DeadLetterRedrive = "DeadLetterRedrive";
    public const string EventDisplay = "EventDisplay";
    public const string InspectRuns = "InspectRuns";
    public const string InspectRun = "InspectRun";
    public const string InspectEvent = "InspectEvent";
    public const string Dashboard = "Dashboard";
    public const string SequenceOrchestrator = TaskNames.SequenceOrchestrator;
    public const string ParallelOrchestrator = TaskNames.ParallelOrchestrator;
    public const string TriggerOrchestrator = TaskNames.TriggerOrchestrator;
    public const string RunStep = TaskNames.RunStep;
    public const string RunSequence = TaskNames.RunSequence;
    public const string DeliverReply = TaskNames.DeliverReply;
    public const string DeliverToSubscriber = TaskNames.DeliverToSubscriber;
    public const string DeadLetter = TaskNames.DeadLetter;
}
