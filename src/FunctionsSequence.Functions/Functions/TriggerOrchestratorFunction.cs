using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Sequences;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace FunctionsSequence.Functions.Functions;

/// <summary>The Trigger delivery orchestrator: Core's <see cref="TriggerOrchestration"/>.</summary>
public sealed class TriggerOrchestratorFunction(ManifestSet manifests)
{
    [Function(FunctionNames.TriggerOrchestrator)]
    public Task<bool> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return TriggerOrchestration.RunAsync(context, context.GetInput<TriggerInput>()!, manifests);
    }
}
