using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Durable;
using Microsoft.DurableTask;

namespace FunctionsSequence.Core.Hosting;

/// <summary>Registers every orchestrator and activity with a Durable Task worker (the embedded engine), under <see cref="TaskNames"/>.</summary>
public static class DurableTaskRegistryExtensions
{
    /// <summary>Adds the Sequence and Trigger orchestrators and their activities.</summary>
    /// <remarks>Orchestrators get no DI (the worker creates them bare), so the manifests and observer are handed over here.</remarks>
    public static DurableTaskRegistry AddFunctionsSequenceTasks(this DurableTaskRegistry registry, ManifestSet manifests, IFlowObserver observer)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var sequence = new SequenceOrchestrator(manifests, observer);
        var trigger = new TriggerOrchestrator(manifests, observer);
        return registry
            .AddOrchestrator(TaskNames.SequenceOrchestrator, () => sequence)
            .AddOrchestrator(TaskNames.TriggerOrchestrator, () => trigger)
            .AddActivity<RunStepTask>()
            .AddActivity<RunSequenceTask>()
            .AddActivity<DeliverReplyTask>()
            .AddActivity<DeliverToSubscriberTask>()
            .AddActivity<DeadLetterTask>();
    }
}
