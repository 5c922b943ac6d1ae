using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Flows;

/// <summary>
/// A flow's hops inside one activity (<see cref="TaskNames.RunSequence"/>, <c>checkpoint:
/// sequence</c>): called directly, back-offs waited out in process. If the process dies, the
/// activity runs again from the first hop. <paramref name="run"/> is the orchestration instance the activity serves.
/// </summary>
public sealed class InProcessFlowHops(
    HopActivities activities, DeadLetterActivity deadLetters, DurableTaskClient client, string? run, ILogger logger, CancellationToken cancellationToken) : IFlowHops
{
    /// <inheritdoc />
    public ILogger Logger { get; } = logger;

    /// <inheritdoc />
    // In one activity a reply is no hop of its own to save: it is sent after the last step, as it always was.
    public Task<DeliveryResult[]> RunStepAsync(StepInput input) => activities.RunStepAsync(input with { Run = run, ThenReply = false }, client, cancellationToken);

    /// <inheritdoc />
    public async Task<ReplyOutcome> DeliverReplyAsync(ReplyInput input)
    {
        ReplyOutcome outcome = ReplyOutcome.Delivered;
        try
        {
            await ReplyRetry.RunAsync(async () => outcome = await activities.DeliverReplyAsync(input with { Run = run }, client, cancellationToken), cancellationToken);
        }
        catch (Exception ex) when (input.DeadLetters && ex is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A flow or Broker that did not take the reply after its tries: none of it delivered. A stop throws an
            // OperationCanceledException (AppStopping), and the activity runs again after the restart.
            return ReplyOutcome.Undelivered(input.Events.Count, FailureText.Of(ex));
        }

        return outcome;
    }

    /// <inheritdoc />
    public DateTime UtcNow => DateTime.UtcNow;

    /// <inheritdoc />
    public void Report(RunRecord record) => LastRecord = record;

    /// <summary>The last record reported, which the activity returns with its outcome.</summary>
    public RunRecord? LastRecord { get; private set; }

    /// <inheritdoc />
    public Task WaitAsync(TimeSpan backoff) => Task.Delay(backoff, cancellationToken);

    /// <inheritdoc />
    public Task<DeliveryResult> DeadLetterAsync(DeadLetterInput input) => deadLetters.SendAsync(input with { Run = run }, client, cancellationToken);
}
