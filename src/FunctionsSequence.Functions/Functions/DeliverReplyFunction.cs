using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Sequences;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Functions.Functions;

/// <summary>Activity: sends a Sequence run's last outputs to its reply.</summary>
public sealed class DeliverReplyFunction(SequenceActivities activities)
{
    [Function(FunctionNames.DeliverReply)]
    public async Task<bool> RunAsync([ActivityTrigger] ReplyInput input, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        await activities.DeliverReplyAsync(input, client, cancellationToken);
        return true;
    }
}
