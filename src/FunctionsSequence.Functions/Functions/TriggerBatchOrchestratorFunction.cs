using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Sequences;
using FunctionsSequence.Core.Sequences.Tasks;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace FunctionsSequence.Functions.Functions;

/// <summary>The orchestrator of batched Trigger deliveries: Core's <see cref="TriggerBatchOrchestration"/>.</summary>
public sealed class TriggerBatchOrchestratorFunction(ManifestSet manifests, RunGate gate)
{
    [Function(FunctionNames.TriggerBatchOrchestrator)]
    public Task<TriggerBatchOutcome> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ObservedOrchestration.RunAsync(context, gate, () => TriggerBatchOrchestration.RunAsync(context, context.GetInput<TriggerBatchInput>()!, manifests));
    }
}
