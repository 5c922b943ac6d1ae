using FunctionsSequence.Core.Api;
using Microsoft.DurableTask;

namespace FunctionsSequence.Core.Sequences.Tasks;

/// <summary>Registers every orchestrator and activity of the runtime with a Durable Task worker.</summary>
public static class DurableTaskRegistryExtensions
{
    /// <summary>Adds the Sequence and Trigger orchestrators and their activities.</summary>
    /// <remarks>Orchestrators get no DI (the worker creates them bare), so the manifests are handed over here.</remarks>
    public static DurableTaskRegistry AddFunctionsSequenceTasks(this DurableTaskRegistry registry, ManifestSet manifests, IFlowObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var sequence = new SequenceOrchestrator(manifests, observer ?? NullFlowObserver.Instance);
        var batch = new SequenceBatchOrchestrator(manifests, observer ?? NullFlowObserver.Instance);
        var trigger = new TriggerOrchestrator(manifests, observer ?? NullFlowObserver.Instance);
        var triggerBatch = new TriggerBatchOrchestrator(manifests, observer ?? NullFlowObserver.Instance);
        return registry
            .AddOrchestrator(TaskNames.SequenceOrchestrator, () => sequence)
            .AddOrchestrator(TaskNames.SequenceBatchOrchestrator, () => batch)
            .AddOrchestrator(TaskNames.TriggerOrchestrator, () => trigger)
            .AddOrchestrator(TaskNames.TriggerBatchOrchestrator, () => triggerBatch)
            .AddActivity<RunStepActivity>()
            .AddActivity<RunStepBatchActivity>()
            .AddActivity<RunSequenceActivity>()
            .AddActivity<RunSequenceBatchActivity>()
            .AddActivity<DeliverRepliesActivity>()
            .AddActivity<DeliverReplyActivity>()
            .AddActivity<DeliverToSubscriberActivity>()
            .AddActivity<DeliverToSubscriberBatchActivity>()
            .AddActivity<DeadLetterActivity>();
    }
}
