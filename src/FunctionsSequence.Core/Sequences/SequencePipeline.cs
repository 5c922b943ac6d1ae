using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;

namespace FunctionsSequence.Core.Sequences;

/// <summary>
/// The Sequence data plane, once, for a run of one or more events: step N's output is step N+1's
/// input; a step with no output ends that event's chain; an event that fails a step for good goes
/// to the step's dead-letter sink, or is recorded as failed; last outputs go to the reply. Each
/// event keeps its own path (its own output, retries, dead letter or end), but the events at the
/// same step and attempt are one call, so a run costs the engine as many checkpoints as one event.
/// Events that succeed move on while those that failed wait out their back-off.
/// </summary>
public static class SequencePipeline
{
    /// <summary>Runs <paramref name="run"/> through <paramref name="sequence"/>; failures are in the outcome, not thrown.</summary>
    public static async Task<RunOutcome> RunAsync(SequenceResource sequence, SequenceRun run, ISequenceHops hops)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(hops);
        var tally = new RunTally(run.Events.Count);
        await new StepDelivery(sequence, 0, hops, tally).RunAsync(run.Events);
        return tally.Outcome();
    }

    /// <summary>Step <c>index</c> for the events that reached it; what succeeds goes on to the next step or the reply.</summary>
    private sealed class StepDelivery(SequenceResource sequence, int index, ISequenceHops hops, RunTally tally)
        : GroupDelivery(hops, sequence.Steps[index].Delivery, $"Sequence {sequence.Name} step {index} ({sequence.Steps[index].Destination})", tally)
    {
        protected override Task<DeliveryResult[]> AttemptAsync(IReadOnlyList<RunEvent> events) =>
            hops.RunStepAsync(new StepInput(sequence.Name, index, [.. events.Select(e => e.Event)]));

        protected override async Task SucceededAsync(IReadOnlyList<(RunEvent Event, DeliveryResult Result)> done)
        {
            var next = new List<RunEvent>(done.Count);
            foreach ((RunEvent item, DeliveryResult result) in done)
            {
                if (result.Reply is null)
                {
                    Tally.EndedEarly();
                }
                else
                {
                    next.Add(item with { Event = result.Reply }); // passed on as read: the orchestration never looks inside
                }
            }

            if (next.Count == 0)
            {
                return;
            }

            if (index + 1 < sequence.Steps.Count)
            {
                await new StepDelivery(sequence, index + 1, hops, Tally).RunAsync(next);
                return;
            }

            if (sequence.Reply is not null)
            {
                await hops.DeliverReplyAsync(new ReplyInput(sequence.Name, next));
            }

            Tally.Delivered(next.Count);
        }

        protected override DeadLetterInput DeadLetterOf(RunEvent failed, DeliveryResult result, int attempts) =>
            new(failed.Event.Json, sequence.Steps[index].Destination.ToString(), sequence.Name, index, null, result, attempts);
    }
}
