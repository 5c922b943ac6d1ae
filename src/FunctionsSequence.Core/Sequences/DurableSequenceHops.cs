using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Sequences;

/// <summary>A Sequence's hops in its orchestration: each an activity, each back-off a durable timer.</summary>
public sealed class DurableSequenceHops(TaskOrchestrationContext context) : ISequenceHops
{
    private readonly DurableDeliveryContext delivery = new(context, "FunctionsSequence.Sequence");

    /// <inheritdoc />
    public ILogger Logger => delivery.Logger;

    /// <inheritdoc />
    public Task<DeliveryResult[]> RunStepAsync(StepInput input) => context.CallActivityAsync<DeliveryResult[]>(TaskNames.RunStep, input);

    /// <inheritdoc />
    public Task DeliverReplyAsync(ReplyInput input) => context.CallActivityAsync(TaskNames.DeliverReply, input);

    /// <inheritdoc />
    public Task WaitAsync(TimeSpan backoff) => delivery.WaitAsync(backoff);

    /// <inheritdoc />
    public Task DeadLetterAsync(DeadLetterInput input) => delivery.DeadLetterAsync(input);
}
