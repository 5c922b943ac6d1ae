using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Sequences;
using FunctionsSequence.Core.Sequences.Tasks;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace FunctionsSequence.Functions.Functions;

/// <summary>The Trigger delivery orchestrator: Core's <see cref="TriggerOrchestration"/>; its end frees its slot in <see cref="RunGate"/>.</summary>
public sealed class TriggerOrchestratorFunction(ManifestSet manifests, RunGate gate)
{
    [Function(FunctionNames.TriggerOrchestrator)]
    public Task<bool> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ObservedOrchestration.RunAsync(context, gate, () => TriggerOrchestration.RunAsync(context, context.GetInput<TriggerInput>()!, manifests));
    }
}
