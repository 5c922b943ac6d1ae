using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Sequences;
using Microsoft.DurableTask;

namespace FunctionsSequence.Core.Hosting;

/// <summary><see cref="SequenceOrchestration"/> as a class-based orchestrator for a Durable Task worker.</summary>
[DurableTask(TaskNames.SequenceOrchestrator)]
public sealed class SequenceOrchestrator(ManifestSet manifests, IFlowObserver observer) : TaskOrchestrator<SequenceRun, RunOutcome>
{
    /// <inheritdoc />
    public override Task<RunOutcome> RunAsync(TaskOrchestrationContext context, SequenceRun input)
        => ObservedOrchestration.RunAsync(context, observer, () => SequenceOrchestration.RunAsync(context, input, manifests));
}
