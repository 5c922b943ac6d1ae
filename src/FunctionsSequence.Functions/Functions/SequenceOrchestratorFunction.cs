using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Sequences;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace FunctionsSequence.Functions.Functions;

/// <summary>The Sequence orchestrator: Core's <see cref="SequenceOrchestration"/>, unchanged.</summary>
public sealed class SequenceOrchestratorFunction(ManifestSet manifests)
{
    [Function(FunctionNames.SequenceOrchestrator)]
    public Task<SequenceOutcome> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SequenceOrchestration.RunAsync(context, context.GetInput<SequenceInput>()!, manifests);
    }
}
