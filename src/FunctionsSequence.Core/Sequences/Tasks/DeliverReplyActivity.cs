using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Sequences.Tasks;

/// <summary>Class-based registration of <see cref="SequenceActivities.DeliverReplyAsync"/>.</summary>
[DurableTask(TaskNames.DeliverReply)]
public sealed class DeliverReplyActivity(SequenceActivities activities, DurableTaskClient client) : TaskActivity<ReplyInput, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, ReplyInput input)
    {
        await activities.DeliverReplyAsync(input, client);
        return true;
    }
}
