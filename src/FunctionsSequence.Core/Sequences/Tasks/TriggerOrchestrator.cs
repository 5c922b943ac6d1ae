using FunctionsSequence.Core.Broker;
using Microsoft.DurableTask;

namespace FunctionsSequence.Core.Sequences.Tasks;

/// <summary>Class-based registration of <see cref="TriggerOrchestration"/>.</summary>
[DurableTask(TaskNames.TriggerOrchestrator)]
public sealed class TriggerOrchestrator : TaskOrchestrator<TriggerInput, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskOrchestrationContext context, TriggerInput input)
    {
        await TriggerOrchestration.RunAsync(context, input);
        return true;
    }
}
