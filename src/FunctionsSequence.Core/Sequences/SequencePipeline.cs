using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Flows;

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
    /// <summary>Runs <paramref name="run"/> through its Sequence; failures are in the outcome, not thrown.</summary>
    public static async Task<RunOutcome> RunAsync(ManifestSet manifests, SequenceRun run, IFlowHops hops)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(hops);
        SequenceResource sequence = manifests.RequireSequence(run.Sequence);
        var tally = new RunTally(run.Events.Count).Tracking(run.Events);
        await Step(run.FirstStep).RunAsync(run.Events);
        return tally.Outcome();

        HopDelivery Step(int index)
        {
            Hop hop = Hop.Step(sequence.Name, index);
            Func<IReadOnlyList<RunEvent>, Task>? next = index + 1 < sequence.Steps.Count ? answers => Step(index + 1).RunAsync(answers) : null;
            return new HopDelivery(hop, manifests, hops, tally, next);
        }
    }
}
