using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Sequences;

/// <summary>
/// The Sequence as an orchestration. With <see cref="CheckpointMode.Step"/> (the default) each step
/// is an activity, retried on durable timers; with <see cref="CheckpointMode.Sequence"/> one
/// activity runs the whole <see cref="SequencePipeline"/>. Both hosts call this one method.
/// </summary>
public static class SequenceOrchestration
{
    /// <summary>Runs one event through the Sequence.</summary>
    public static async Task<SequenceOutcome> RunAsync(TaskOrchestrationContext context, SequenceInput input, ManifestSet manifests)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(manifests);
        SequenceResource sequence = manifests.RequireSequence(input.Sequence);

        if (sequence.Checkpoint == CheckpointMode.Sequence)
        {
            return await context.CallActivityAsync<SequenceOutcome>(TaskNames.RunSequence, input);
        }

        ILogger logger = context.CreateReplaySafeLogger("FunctionsSequence.Sequence");
        return await SequencePipeline.RunAsync(
            sequence,
            input,
            (step, delivery, what) => DurableDelivery.DeliverAsync(context, delivery, what, () => context.CallActivityAsync<DeliveryResult>(TaskNames.RunStep, step)),
            deadLetter => context.CallActivityAsync(TaskNames.DeadLetter, deadLetter),
            reply => context.CallActivityAsync(TaskNames.DeliverReply, reply),
            (what, attempts, result) => DeliveryLog.Failed(logger, what, attempts, result.StatusCode, result.Error));
    }
}
