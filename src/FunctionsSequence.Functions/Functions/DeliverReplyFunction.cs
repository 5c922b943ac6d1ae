using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Flows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Functions.Functions;

/// <summary>Activity: sends the answers of a Sequence's last step or a Parallel branch's subscriber to their reply, when that hop's own activity could not.</summary>
public sealed class DeliverReplyFunction(HopActivities activities)
{
    [Function(FunctionNames.DeliverReply)]
    public async Task<bool> RunAsync([ActivityTrigger] ReplyInput input, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        await activities.DeliverReplyAsync(input, client, cancellationToken);
        return true;
    }
}
