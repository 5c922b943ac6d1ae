using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Broker;
using Microsoft.DurableTask;

namespace FunctionsSequence.Core.Sequences.Tasks;

/// <summary>Class-based registration of <see cref="TriggerBatchOrchestration"/>.</summary>
[DurableTask(TaskNames.TriggerBatchOrchestrator)]
public sealed class TriggerBatchOrchestrator(ManifestSet manifests, IFlowObserver observer) : TaskOrchestrator<TriggerBatchInput, TriggerBatchOutcome>
{
    /// <inheritdoc />
    public override Task<TriggerBatchOutcome> RunAsync(TaskOrchestrationContext context, TriggerBatchInput input)
        => ObservedOrchestration.RunAsync(context, observer, () => TriggerBatchOrchestration.RunAsync(context, input, manifests));
}
