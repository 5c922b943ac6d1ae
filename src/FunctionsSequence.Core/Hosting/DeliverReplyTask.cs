using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Sequences;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Hosting;

/// <summary><see cref="SequenceActivities.DeliverReplyAsync"/> as a class-based activity.</summary>
[DurableTask(TaskNames.DeliverReply)]
public sealed class DeliverReplyTask(SequenceActivities activities, DurableTaskClient client) : TaskActivity<ReplyInput, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, ReplyInput input)
    {
        await activities.DeliverReplyAsync(input, client);
        return true;
    }
}
