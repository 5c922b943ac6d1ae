using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Sequences;

/// <summary>
/// A batch of events through a Sequence as one orchestration (see <see cref="RunBatcher"/>).
/// With <see cref="CheckpointMode.Step"/> each step is one activity for the whole group at that
/// step; with <see cref="CheckpointMode.Sequence"/> one activity runs the whole Sequence for every event.
/// </summary>
public static class SequenceBatchOrchestration
{
    /// <summary>Runs the batch.</summary>
    public static async Task<SequenceBatchOutcome> RunAsync(TaskOrchestrationContext context, SequenceBatchInput input, ManifestSet manifests)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(manifests);
        SequenceResource sequence = manifests.RequireSequence(input.Sequence);

        if (sequence.Checkpoint == CheckpointMode.Sequence)
        {
            SequenceOutcome[] outcomes = await context.CallActivityAsync<SequenceOutcome[]>(TaskNames.RunSequenceBatch, input);
            string[] failures = [.. outcomes.Select(o => o.Failure).OfType<string>()];
            if (failures.Length > 0)
            {
                throw DeliveryFailedException.ForBatch($"of Sequence {input.Sequence}", outcomes.Length, failures);
            }

            return new SequenceBatchOutcome(
                outcomes.Length,
                outcomes.Count(o => !o.EndedEarly && !o.DeadLettered),
                outcomes.Count(o => o.EndedEarly && !o.DeadLettered),
                outcomes.Count(o => o.DeadLettered));
        }

        ILogger logger = context.CreateReplaySafeLogger("FunctionsSequence.Sequence");
        return await SequenceBatchPipeline.RunAsync(
            sequence,
            input,
            steps => context.CallActivityAsync<DeliveryResult[]>(TaskNames.RunStepBatch, steps),
            wait => context.CreateTimer(wait, CancellationToken.None),
            deadLetter => context.CallActivityAsync(TaskNames.DeadLetter, deadLetter),
            replies => context.CallActivityAsync(TaskNames.DeliverReplies, replies),
            (what, attempt, max, result, wait) => DeliveryLog.Retrying(logger, what, attempt, max, result.StatusCode, result.Error, wait.TotalSeconds),
            (what, attempts, result) => DeliveryLog.Failed(logger, what, attempts, result.StatusCode, result.Error));
    }
}
