using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Sequences.Tasks;

/// <summary>Class-based registration of <see cref="SequenceActivities.DeliverRepliesAsync"/>.</summary>
[DurableTask(TaskNames.DeliverReplies)]
public sealed class DeliverRepliesActivity(SequenceActivities activities, DurableTaskClient client) : TaskActivity<RepliesInput, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, RepliesInput input)
    {
        await activities.DeliverRepliesAsync(input, client);
        return true;
    }
}
