using FunctionsSequence.Core.Delivery;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Sequences.Tasks;

/// <summary>Class-based registration of <see cref="SequenceActivities.DeadLetterAsync"/>.</summary>
[DurableTask(TaskNames.DeadLetter)]
public sealed class DeadLetterActivity(SequenceActivities activities, DurableTaskClient client) : TaskActivity<DeadLetterInput, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, DeadLetterInput input)
    {
        await activities.DeadLetterAsync(input, client);
        return true;
    }
}
