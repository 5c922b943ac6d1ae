using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Sequences;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace FunctionsSequence.Functions.Functions;

/// <summary>
/// The Sequence orchestrator: Core's <see cref="SequenceOrchestration"/>, unchanged; its end frees
/// the run's slot in this instance's <see cref="InFlightRuns"/>.
/// </summary>
public sealed class SequenceOrchestratorFunction(ManifestSet manifests, InFlightRuns inFlight)
{
    [Function(FunctionNames.SequenceOrchestrator)]
    public Task<RunOutcome> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ObservedOrchestration.RunAsync(context, inFlight, () => SequenceOrchestration.RunAsync(context, context.GetInput<SequenceRun>()!, manifests));
    }
}
