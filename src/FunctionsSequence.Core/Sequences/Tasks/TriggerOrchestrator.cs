using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Broker;
using Microsoft.DurableTask;

namespace FunctionsSequence.Core.Sequences.Tasks;

/// <summary>Class-based registration of <see cref="TriggerOrchestration"/>.</summary>
[DurableTask(TaskNames.TriggerOrchestrator)]
public sealed class TriggerOrchestrator(ManifestSet manifests, IFlowObserver observer) : TaskOrchestrator<TriggerInput, bool>
{
    /// <inheritdoc />
    public override Task<bool> RunAsync(TaskOrchestrationContext context, TriggerInput input)
        => ObservedOrchestration.RunAsync(context, observer, () => TriggerOrchestration.RunAsync(context, input, manifests));
}
