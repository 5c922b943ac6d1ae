using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Sequences;
using FunctionsSequence.Core.Sequences.Tasks;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace FunctionsSequence.Functions.Functions;

/// <summary>
/// The Sequence orchestrator: Core's <see cref="SequenceOrchestration"/>, unchanged; its end frees
/// the run's slot in this instance's <see cref="RunGate"/>.
/// </summary>
public sealed class SequenceOrchestratorFunction(ManifestSet manifests, RunGate gate)
{
    [Function(FunctionNames.SequenceOrchestrator)]
    public Task<SequenceOutcome> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ObservedOrchestration.RunAsync(context, gate, () => SequenceOrchestration.RunAsync(context, context.GetInput<SequenceInput>()!, manifests));
    }
}
