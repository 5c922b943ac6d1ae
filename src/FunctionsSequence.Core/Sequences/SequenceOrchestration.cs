using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Flows;
using FunctionsSequence.Core.Telemetry;
using Microsoft.DurableTask;

namespace FunctionsSequence.Core.Sequences;

/// <summary>
/// The Sequence as an orchestration, for a run of one or more events. With
/// <see cref="CheckpointMode.Step"/> (the default) each step is one activity for the events at
/// it, retried on durable timers; with <see cref="CheckpointMode.Sequence"/> one activity runs the
/// whole <see cref="SequencePipeline"/>. Both hosts call this one method.
/// </summary>
public static class SequenceOrchestration
{
    /// <summary>Runs <paramref name="run"/> through its Sequence; fails, once the others are delivered, when an event failed with no dead-letter sink.</summary>
    public static async Task<RunOutcome> RunAsync(TaskOrchestrationContext context, SequenceRun run, ManifestSet manifests)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(manifests);
        SequenceResource sequence = manifests.RequireSequence(run.Sequence);
        RunTarget target = RunTarget.Sequence(sequence.Name);
        FlowMetrics.RunStarted(context.IsReplaying, target, run.Events.Count);
        RunOutcome outcome;
        if (sequence.Checkpoint == CheckpointMode.Sequence)
        {
            outcome = await context.CallActivityAsync<RunOutcome>(TaskNames.RunSequence, run with { Run = context.InstanceId });
            if (outcome.Record is { } record)
            {
                context.SetCustomStatus(record);
                outcome = outcome with { Record = null };
            }
        }
        else
        {
            outcome = await SequencePipeline.RunAsync(manifests, run, new DurableFlowHops(context, "FunctionsSequence.Sequence"));
        }

        FlowMetrics.RunEnded(context.IsReplaying, target, outcome);
        return DeliveryFailedException.ThrowIfFailed(outcome, $"of Sequence {sequence.Name}");
    }
}
