using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Sequences;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace FunctionsSequence.Functions.Functions;

/// <summary>The Trigger delivery orchestrator: Core's <see cref="TriggerOrchestration"/>.</summary>
public static class TriggerOrchestratorFunction
{
    [Function(FunctionNames.TriggerOrchestrator)]
    public static async Task<bool> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await TriggerOrchestration.RunAsync(context, context.GetInput<TriggerInput>()!);
        return true;
    }
}
