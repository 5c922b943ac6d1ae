using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Sequences;

/// <summary>
/// The Sequence data plane as an orchestration: step N's output is step N+1's input, a step with
/// no output ends the chain, the last output goes to the reply. Each step is retried per its
/// <c>delivery</c>; when retries run out its input goes to its dead-letter sink, or the run fails
/// with the event kept in its input. Both hosts call this one method.
/// </summary>
public static partial class SequenceOrchestration
{
    /// <summary>Runs one event through the Sequence.</summary>
    public static async Task<SequenceOutcome> RunAsync(TaskOrchestrationContext context, SequenceInput input, ManifestSet manifests)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(manifests);
        if (!manifests.Sequences.TryGetValue(input.Sequence, out SequenceResource? sequence))
        {
            throw new InvalidOperationException($"Sequence '{input.Sequence}' is not in the manifests this app runs");
        }

        string current = input.Event;
        for (int i = 0; i < sequence.Steps.Count; i++)
        {
            SequenceStep step = sequence.Steps[i];
            var stepInput = new StepInput(sequence.Name, i, current);
            (DeliveryResult result, int attempts) = await DurableDelivery.DeliverAsync(
                context, step.Delivery, $"Sequence {sequence.Name} step {i} ({step.Destination})",
                () => context.CallActivityAsync<DeliveryResult>(TaskNames.RunStep, stepInput));
            if (!result.Succeeded)
            {
                var deadLetter = new DeadLetterInput(current, step.Destination.ToString(), sequence.Name, i, null, result, attempts);
                if (step.Delivery?.DeadLetterSink is null)
                {
                    LogFailed(context.CreateReplaySafeLogger("FunctionsSequence.Sequence"), sequence.Name, i, attempts, result.StatusCode, result.Error);
                    throw new DeliveryFailedException(
                        $"Sequence {sequence.Name} step {i} ({step.Destination}) failed after {attempts} attempt(s): {result.Error}. " +
                        "No deadLetterSink is set; the event is kept in this orchestration's input.");
                }

                await context.CallActivityAsync(TaskNames.DeadLetter, deadLetter);
                return new SequenceOutcome(i + 1, Replied: false, EndedEarly: true) { DeadLettered = true };
            }

            if (result.Event is null)
            {
                return new SequenceOutcome(i + 1, Replied: false, EndedEarly: i + 1 < sequence.Steps.Count);
            }

            current = result.Event;
        }

        if (sequence.Reply is null)
        {
            return new SequenceOutcome(sequence.Steps.Count, Replied: false, EndedEarly: false);
        }

        await context.CallActivityAsync(TaskNames.DeliverReply, new ReplyInput(sequence.Name, current, input.BrokerTtl));
        return new SequenceOutcome(sequence.Steps.Count, Replied: true, EndedEarly: false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sequence {Sequence} step {Step} failed after {Attempts} attempt(s) (last status {Status}: {Error}); no deadLetterSink, the orchestration is left Failed with the event in its input")]
    private static partial void LogFailed(ILogger logger, string sequence, int step, int attempts, int status, string? error);
}
