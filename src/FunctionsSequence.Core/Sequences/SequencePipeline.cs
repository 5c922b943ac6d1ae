using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Sequences;

/// <summary>
/// The Sequence data plane, once: step N's output is step N+1's input; a step with no output ends
/// the chain; a step that fails for good sends its input to its dead-letter sink, or fails the
/// run; the last output goes to the reply. The orchestration runs it with one activity per step,
/// the <see cref="TaskNames.RunSequence"/> activity runs it in process.
/// </summary>
public static class SequencePipeline
{
    /// <summary>How one step is delivered (with its retries): returns the last result and the number of attempts.</summary>
    public delegate Task<(DeliveryResult Result, int Attempts)> StepDelivery(StepInput step, DeliverySpec? delivery, string what);

    /// <summary>Runs <paramref name="input"/> through <paramref name="sequence"/>.</summary>
    public static async Task<SequenceOutcome> RunAsync(
        SequenceResource sequence,
        SequenceInput input,
        StepDelivery runStep,
        Func<DeadLetterInput, Task> deadLetter,
        Func<ReplyInput, Task> reply,
        Action<string, int, DeliveryResult> failed)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(runStep);
        ArgumentNullException.ThrowIfNull(deadLetter);
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(failed);
        StructuredEvent current = input.Event; // passed on as read: an orchestration never looks inside
        for (int i = 0; i < sequence.Steps.Count; i++)
        {
            SequenceStep step = sequence.Steps[i];
            string what = $"Sequence {sequence.Name} step {i} ({step.Destination})";
            (DeliveryResult result, int attempts) = await runStep(new StepInput(sequence.Name, i, current), step.Delivery, what);
            if (!result.Succeeded)
            {
                if (step.Delivery?.DeadLetterSink is null)
                {
                    failed(what, attempts, result);
                    throw new DeliveryFailedException(
                        $"{what} failed after {attempts} attempt(s): {result.Error}. No deadLetterSink is set; the event is kept in this orchestration's input.");
                }

                await deadLetter(new DeadLetterInput(current.Json, step.Destination.ToString(), sequence.Name, i, null, result, attempts));
                return new SequenceOutcome(i + 1, Replied: false, EndedEarly: true) { DeadLettered = true };
            }

            if (result.Reply is null)
            {
                return new SequenceOutcome(i + 1, Replied: false, EndedEarly: i + 1 < sequence.Steps.Count);
            }

            current = result.Reply;
        }

        if (sequence.Reply is null)
        {
            return new SequenceOutcome(sequence.Steps.Count, Replied: false, EndedEarly: false);
        }

        await reply(new ReplyInput(sequence.Name, current, input.BrokerTtl));
        return new SequenceOutcome(sequence.Steps.Count, Replied: true, EndedEarly: false);
    }
}
