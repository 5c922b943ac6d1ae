using FunctionsSequence.Core.Sequences;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Functions.Functions;

/// <summary>Activity: sends a batch's last outputs to the Sequence's reply.</summary>
public sealed class DeliverRepliesFunction(SequenceActivities activities)
{
    [Function(FunctionNames.DeliverReplies)]
    public async Task<bool> RunAsync([ActivityTrigger] RepliesInput input, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        await activities.DeliverRepliesAsync(input, client, cancellationToken);
        return true;
    }
}
