using FunctionsSequence.Core.Api;
using Microsoft.DurableTask;

namespace FunctionsSequence.Core.Sequences.Tasks;

/// <summary>Class-based registration of <see cref="SequenceOrchestration"/> for a Durable Task worker (the CLI's engine).</summary>
[DurableTask(TaskNames.SequenceOrchestrator)]
public sealed class SequenceOrchestrator(ManifestSet manifests, IFlowObserver observer) : TaskOrchestrator<SequenceInput, SequenceOutcome>
{
    /// <inheritdoc />
    public override Task<SequenceOutcome> RunAsync(TaskOrchestrationContext context, SequenceInput input)
        => ObservedOrchestration.RunAsync(context, observer, () => SequenceOrchestration.RunAsync(context, input, manifests));
}
