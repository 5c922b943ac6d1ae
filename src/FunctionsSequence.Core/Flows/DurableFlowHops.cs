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
    public Task<DeliveryResult[]> RunStepAsync(StepInput input) =>
        RunPayload.InPartsAsync(input.Events, part => context.CallActivityAsync<DeliveryResult[]>(TaskNames.RunStep, input with { Events = part, Run = context.InstanceId }));

    /// <inheritdoc />
    public async Task<ReplyOutcome> DeliverReplyAsync(ReplyInput input)
    {
        if (RunPayload.Parts(input.Events) is not { Count: > 1 } parts)
        {
            return await DeliverReplyPartAsync(input);
        }

        ReplyOutcome[] outcomes = await Task.WhenAll(parts.Select(part => DeliverReplyPartAsync(input with
        {
            Events = RunPayload.Slice(input.Events, part),
            Refused = input.Refused is { } refused ? RunPayload.Slice(refused, part) : null,
        })));
        return outcomes.All(o => o.Failures.Count == 0)
            ? ReplyOutcome.Delivered
            : new ReplyOutcome([.. outcomes.Zip(parts).SelectMany(o => o.First.Failures.Count > 0
                ? o.First.Failures
                : Enumerable.Repeat<DeliveryResult?>(null, o.Second.GetOffsetAndLength(input.Events.Count).Length))]);
    }

    private async Task<ReplyOutcome> DeliverReplyPartAsync(ReplyInput input)
    {
        try
        {
            return await context.CallActivityAsync<ReplyOutcome?>(TaskNames.DeliverReply, input with { Run = context.InstanceId }, ReplyRetry.Options) ?? ReplyOutcome.Delivered;
        }
        catch (TaskFailedException ex) when (input.DeadLetters && Undelivered(ex.FailureDetails))
        {
            return ReplyOutcome.Undelivered(input.Events.Count, FailureText.Of(ex));
        }
    }

    /// <summary>
    /// A flow or Broker that did not take the reply after the retry policy: none of it delivered. Not a stop, which
    /// leaves it to the restart, nor a give-up of a build that failed the run instead, and whose failure still does.
    /// </summary>
    private static bool Undelivered(TaskFailureDetails failure) =>
        !failure.IsCausedBy<OperationCanceledException>() && !failure.IsCausedBy<ReplyGivenUpException>();

    /// <inheritdoc />
    public DateTime UtcNow => delivery.UtcNow;

    /// <inheritdoc />
    public void Report(RunRecord record) => delivery.Report(record);

    /// <inheritdoc />
    public Task WaitAsync(TimeSpan backoff) => delivery.WaitAsync(backoff);

    /// <inheritdoc />
    public Task<DeliveryResult> DeadLetterAsync(DeadLetterInput input) => delivery.DeadLetterAsync(input);
}
