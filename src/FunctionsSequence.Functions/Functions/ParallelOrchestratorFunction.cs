using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Parallels;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace FunctionsSequence.Functions.Functions;

/// <summary>
/// The Parallel orchestrator: Core's <see cref="ParallelOrchestration"/>, unchanged; its end frees
/// the run's slot in this instance's <see cref="InFlightRuns"/>.
/// </summary>
public sealed class ParallelOrchestratorFunction(ManifestSet manifests, InFlightRuns inFlight)
{
    [Function(FunctionNames.ParallelOrchestrator)]
    public Task<RunOutcome> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ObservedOrchestration.RunAsync(context, inFlight, () => ParallelOrchestration.RunAsync(context, context.GetInput<ParallelRun>()!, manifests));
    }
}
