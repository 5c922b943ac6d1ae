using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace FunctionsSequence.Functions.Functions;

/// <summary>The Trigger delivery orchestrator: Core's <see cref="TriggerOrchestration"/>; its end frees its slot in <see cref="InFlightRuns"/>.</summary>
public sealed class TriggerOrchestratorFunction(ManifestSet manifests, InFlightRuns inFlight)
{
    [Function(FunctionNames.TriggerOrchestrator)]
    public Task<RunOutcome> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ObservedOrchestration.RunAsync(context, inFlight, () => TriggerOrchestration.RunAsync(context, context.GetInput<TriggerRun>()!, manifests));
    }
}
