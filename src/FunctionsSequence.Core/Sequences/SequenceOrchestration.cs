using FunctionsSequence.Core.Api;
using Microsoft.DurableTask;

namespace FunctionsSequence.Core.Sequences;

/// <summary>
/// The Sequence data plane as an orchestration: step N's output is step N+1's input, a step with
/// no output ends the chain, the last output goes to the reply. Both hosts call this one method.
/// </summary>
public static class SequenceOrchestration
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
            string? output = await context.CallActivityAsync<string?>(TaskNames.RunStep, new StepInput(sequence.Name, i, current));
            if (output is null)
            {
                return new SequenceOutcome(i + 1, Replied: false, EndedEarly: i + 1 < sequence.Steps.Count);
            }

            current = output;
        }

        if (sequence.Reply is null)
        {
            return new SequenceOutcome(sequence.Steps.Count, Replied: false, EndedEarly: false);
        }

        await context.CallActivityAsync(TaskNames.DeliverReply, new ReplyInput(sequence.Name, current, input.BrokerTtl));
        return new SequenceOutcome(sequence.Steps.Count, Replied: true, EndedEarly: false);
    }
}
