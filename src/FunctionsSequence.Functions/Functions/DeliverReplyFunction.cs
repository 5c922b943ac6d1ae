using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Flows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Functions.Functions;

/// <summary>Activity: sends the answers of a Sequence's last step or a Parallel branch's subscriber to their reply, when that hop's own activity could not; what it gave up, for a hop with a dead-letter sink.</summary>
public sealed class DeliverReplyFunction(HopActivities activities)
{
    [Function(FunctionNames.DeliverReply)]
    public Task<ReplyOutcome> RunAsync([ActivityTrigger] ReplyInput input, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        activities.DeliverReplyAsync(input, client, cancellationToken);
}
