using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Sequences;

/// <summary>
/// <see cref="SequencePipeline"/> for a batch: each event keeps its own path (its own output,
/// retries, dead letter or end), but the events at the same step and attempt are delivered by one
/// activity (<see cref="GroupDelivery"/>), so a batch costs the engine as many checkpoints as one
/// event does. Events that succeed move on while those that failed wait out their back-off.
/// Only orchestrations run it: their code runs on one thread, so the counts need no locks.
/// </summary>
public static class SequenceBatchPipeline
{
    /// <summary>Runs <paramref name="input"/> through <paramref name="sequence"/>.</summary>
    /// <param name="sequence">The Sequence.</param>
    /// <param name="input">The batch.</param>
    /// <param name="runSteps">One attempt at a step for each event of a group; one result per event, in order.</param>
    /// <param name="wait">Waits out a back-off (a durable timer).</param>
    /// <param name="deadLetter">Sends a failed event to its step's dead-letter sink.</param>
    /// <param name="replies">Sends last outputs to the reply.</param>
    /// <param name="retrying">Told about each retry of a group: (what, attempt that failed, of how many, its result, the wait).</param>
    /// <param name="failed">Told about an event that failed for good with no sink: (what, attempts, last result).</param>
    public static async Task<SequenceBatchOutcome> RunAsync(
        SequenceResource sequence,
        SequenceBatchInput input,
        Func<StepBatchInput, Task<DeliveryResult[]>> runSteps,
        Func<TimeSpan, Task> wait,
        Func<DeadLetterInput, Task> deadLetter,
        Func<RepliesInput, Task> replies,
        Action<string, int, int, DeliveryResult, TimeSpan> retrying,
        Action<string, int, DeliveryResult> failed)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(runSteps);
        ArgumentNullException.ThrowIfNull(wait);
        ArgumentNullException.ThrowIfNull(deadLetter);
        ArgumentNullException.ThrowIfNull(replies);
        ArgumentNullException.ThrowIfNull(retrying);
        ArgumentNullException.ThrowIfNull(failed);
        int replied = 0, ended = 0, deadLettered = 0;
        var lost = new List<string>();

        Task RunStepAsync(int index, IReadOnlyList<BatchedEvent> group)
        {
            SequenceStep step = sequence.Steps[index];
            string what = $"Sequence {sequence.Name} step {index} ({step.Destination})";
            return GroupDelivery.RunAsync(
                group,
                step.Delivery,
                events => runSteps(new StepBatchInput(sequence.Name, index, [.. events.Select(e => e.Event)])),
                wait,
                done =>
                {
                    var next = new List<BatchedEvent>();
                    foreach ((BatchedEvent item, DeliveryResult result) in done)
                    {
                        if (result.Reply is null)
                        {
                            ended++;
                        }
                        else
                        {
                            next.Add(item with { Event = result.Reply }); // passed on as read: the orchestration never looks inside
                        }
                    }

                    return next.Count == 0 ? Task.CompletedTask
                        : index + 1 < sequence.Steps.Count ? RunStepAsync(index + 1, next)
                        : ReplyAsync(next);
                },
                (item, result, attempts) =>
                {
                    if (step.Delivery?.DeadLetterSink is null)
                    {
                        failed($"{what} for event {IdOf(item.Event.Json)}", attempts, result);
                        lost.Add($"event {IdOf(item.Event.Json)} at step {index}: {result.Error}");
                        return Task.CompletedTask;
                    }

                    deadLettered++;
                    return deadLetter(new DeadLetterInput(item.Event.Json, step.Destination.ToString(), sequence.Name, index, null, result, attempts));
                },
                (attempt, max, result, backoff, count) => retrying($"{what} for {count} event(s)", attempt, max, result, backoff));
        }

        async Task ReplyAsync(List<BatchedEvent> outputs)
        {
            if (sequence.Reply is not null)
            {
                await replies(new RepliesInput(sequence.Name, outputs));
            }

            replied += outputs.Count;
        }

        if (input.Events.Count > 0)
        {
            await RunStepAsync(0, input.Events);
        }
        if (lost.Count > 0)
        {
            throw DeliveryFailedException.ForBatch($"of Sequence {sequence.Name}", input.Events.Count, lost);
        }

        return new SequenceBatchOutcome(input.Events.Count, replied, ended, deadLettered);
    }

    private static string? IdOf(string json) => CloudEventJson.Decode(json).Id;
}
