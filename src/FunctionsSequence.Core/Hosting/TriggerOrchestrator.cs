using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Durable;
using Microsoft.DurableTask;

namespace FunctionsSequence.Core.Hosting;

/// <summary><see cref="TriggerOrchestration"/> as a class-based orchestrator for a Durable Task worker.</summary>
[DurableTask(TaskNames.TriggerOrchestrator)]
public sealed class TriggerOrchestrator(ManifestSet manifests, IFlowObserver observer) : TaskOrchestrator<TriggerRun, RunOutcome>
{
    /// <inheritdoc />
    public override Task<RunOutcome> RunAsync(TaskOrchestrationContext context, TriggerRun input)
        => ObservedOrchestration.RunAsync(context, observer, () => TriggerOrchestration.RunAsync(context, input, manifests));
}
