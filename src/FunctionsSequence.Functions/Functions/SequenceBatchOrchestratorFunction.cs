using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Sequences;
using FunctionsSequence.Core.Sequences.Tasks;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace FunctionsSequence.Functions.Functions;

/// <summary>The orchestrator of batched Sequence runs: Core's <see cref="SequenceBatchOrchestration"/>.</summary>
public sealed class SequenceBatchOrchestratorFunction(ManifestSet manifests, RunGate gate)
{
    [Function(FunctionNames.SequenceBatchOrchestrator)]
    public Task<SequenceBatchOutcome> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ObservedOrchestration.RunAsync(context, gate, () => SequenceBatchOrchestration.RunAsync(context, context.GetInput<SequenceBatchInput>()!, manifests));
    }
}
