using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Flows;

/// <summary>A flow's hops in its orchestration: each an activity, each back-off a durable timer.</summary>
/// <param name="context">The orchestration.</param>
/// <param name="logCategory">The category of its replay-safe log.</param>
public sealed class DurableFlowHops(TaskOrchestrationContext context, string logCategory) : IFlowHops
{
    private readonly DurableDeliveryContext delivery = new(context, logCategory);

    /// <inheritdoc />
    public ILogger Logger => delivery.Logger;

    /// <inheritdoc />
    public bool IsReplaying => delivery.IsReplaying;

    /// <inheritdoc />
    public Task<DeliveryResult[]> RunStepAsync(StepInput input) => context.CallActivityAsync<DeliveryResult[]>(TaskNames.RunStep, input with { Run = context.InstanceId });

    /// <inheritdoc />
    public async Task<ReplyOutcome> DeliverReplyAsync(ReplyInput input) =>
        await context.CallActivityAsync<ReplyOutcome?>(TaskNames.DeliverReply, input with { Run = context.InstanceId }, ReplyRetry.Options) ?? ReplyOutcome.Delivered;

    /// <inheritdoc />
    public DateTime UtcNow => delivery.UtcNow;

    /// <inheritdoc />
    public void Report(RunRecord record) => delivery.Report(record);

    /// <inheritdoc />
    public Task WaitAsync(TimeSpan backoff) => delivery.WaitAsync(backoff);

    /// <inheritdoc />
    public Task<DeliveryResult> DeadLetterAsync(DeadLetterInput input) => delivery.DeadLetterAsync(input);
}
