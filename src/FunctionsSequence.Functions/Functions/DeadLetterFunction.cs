using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Functions.Functions;

/// <summary>Activity: sends a failed hop's input event, with Knative's error extensions, to its dead-letter sink.</summary>
public sealed class DeadLetterFunction(DeadLetterActivity activity)
{
    [Function(FunctionNames.DeadLetter)]
    public async Task<bool> RunAsync([ActivityTrigger] DeadLetterInput input, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        await activity.SendAsync(input, client, cancellationToken);
        return true;
    }
}
