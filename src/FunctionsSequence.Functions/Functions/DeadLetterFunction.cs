using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Functions.Functions;

/// <summary>Activity: one attempt to send a failed hop's input event, with Knative's error extensions, to its dead-letter sink.</summary>
public sealed class DeadLetterFunction(DeadLetterActivity activity)
{
    [Function(FunctionNames.DeadLetter)]
    public Task<DeliveryResult> RunAsync([ActivityTrigger] DeadLetterInput input, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
        => activity.SendAsync(input, client, cancellationToken);
}
