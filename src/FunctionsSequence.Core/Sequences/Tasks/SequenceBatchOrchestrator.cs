using FunctionsSequence.Core.Api;
using Microsoft.DurableTask;

namespace FunctionsSequence.Core.Sequences.Tasks;

/// <summary>Class-based registration of <see cref="SequenceBatchOrchestration"/>.</summary>
[DurableTask(TaskNames.SequenceBatchOrchestrator)]
public sealed class SequenceBatchOrchestrator(ManifestSet manifests, IFlowObserver observer) : TaskOrchestrator<SequenceBatchInput, SequenceBatchOutcome>
{
    /// <inheritdoc />
    public override Task<SequenceBatchOutcome> RunAsync(TaskOrchestrationContext context, SequenceBatchInput input)
        => ObservedOrchestration.RunAsync(context, observer, () => SequenceBatchOrchestration.RunAsync(context, input, manifests));
}
