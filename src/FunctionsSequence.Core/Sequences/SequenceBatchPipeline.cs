using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Sequences;

/// <summary>
/// <see cref="SequencePipeline"/> for a batch: each event keeps its own path (its own output,
/// retries, dead letter or end), but the events at the same step and attempt are delivered by one
/// activity, so a batch costs the engine as many checkpoints as one event does. Events that
/// succeed move on while those that failed wait out their back-off; the back-off depends only on
/// the step and the attempt, so the group waits it together, as Knative would for each.
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

        async Task RunGroupAsync(int index, IReadOnlyList<BatchedEvent> group, int attempt)
        {
            SequenceStep step = sequence.Steps[index];
            string what = $"Sequence {sequence.Name} step {index} ({step.Destination})";
            DeliveryResult[] results = await runSteps(new StepBatchInput(sequence.Name, index, [.. group.Select(e => e.Event)]));
            if (results.Length != group.Count)
            {
                throw new InvalidOperationException($"{what}: {results.Length} result(s) for {group.Count} event(s)");
            }

            int max = DeliveryPolicy.MaxAttempts(step.Delivery);
            var next = new List<BatchedEvent>();
            var retry = new List<BatchedEvent>();
            DeliveryResult? retried = null;
            var work = new List<Task>();
            for (int i = 0; i < group.Count; i++)
            {
                DeliveryResult result = results[i];
                if (result.Succeeded)
                {
                    if (result.Event is null)
                    {
                        ended++;
                    }
                    else
                    {
                        next.Add(group[i] with { Event = result.Event });
                    }
                }
                else if (result.Retryable && attempt + 1 < max)
                {
                    retry.Add(group[i]);
                    retried ??= result;
                }
                else if (step.Delivery?.DeadLetterSink is null)
                {
                    failed($"{what} for event {IdOf(group[i].Event)}", attempt + 1, result);
                    lost.Add($"event {IdOf(group[i].Event)} at step {index}: {result.Error}");
                }
                else
                {
                    deadLettered++;
                    work.Add(deadLetter(new DeadLetterInput(group[i].Event, step.Destination.ToString(), sequence.Name, index, null, result, attempt + 1)));
                }
            }

            if (next.Count > 0)
            {
                work.Add(index + 1 < sequence.Steps.Count ? RunGroupAsync(index + 1, next, 0) : ReplyAsync(next));
            }

            if (retried is not null)
            {
                TimeSpan backoff = DeliveryPolicy.Backoff(step.Delivery, attempt);
                retrying($"{what} for {retry.Count} event(s)", attempt + 1, max, retried, backoff);
                work.Add(RetryAsync(index, retry, attempt + 1, backoff));
            }

            await Task.WhenAll(work);
        }

        async Task RetryAsync(int index, List<BatchedEvent> group, int attempt, TimeSpan backoff)
        {
            if (backoff > TimeSpan.Zero)
            {
                await wait(backoff);
            }

            await RunGroupAsync(index, group, attempt);
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
            await RunGroupAsync(0, input.Events, 0);
        }

        if (lost.Count > 0)
        {
            throw new DeliveryFailedException(
                $"{lost.Count} of {input.Events.Count} event(s) of Sequence {sequence.Name} failed with no deadLetterSink set; " +
                $"they are kept in this orchestration's input, the others were delivered. {string.Join("; ", lost)}");
        }

        return new SequenceBatchOutcome(input.Events.Count, replied, ended, deadLettered);
    }

    private static string? IdOf(string json) => CloudEventJson.Decode(json).Id;
}
