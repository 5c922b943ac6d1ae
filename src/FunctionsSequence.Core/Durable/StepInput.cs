using FunctionsSequence.Core.Api;

namespace FunctionsSequence.Core.Durable;

/// <summary>Input of <see cref="TaskNames.RunStep"/>: one attempt at a hop for each event.</summary>
/// <param name="Hop">The Sequence step, Parallel filter or Parallel branch subscriber.</param>
/// <param name="Events">The events at that hop and attempt; a result comes back for each, in order.</param>
/// <param name="Run">The run (orchestration instance) the hop is in, set as the activity is called: what its events are handed over from.</param>
/// <param name="ThenReply">
/// True for a flow's last hop when the flow has a reply: the activity sends the answers on to it
/// itself, as Knative's dispatcher sends a subscriber's response to its reply, saving the run a hop
/// (<see cref="Delivery.DeliveryResult.Replied"/>).
/// </param>
public sealed record StepInput(Hop Hop, IReadOnlyList<RunEvent> Events, string? Run = null, bool ThenReply = false)
{
    /// <summary>The hop as the events it hands over know it (<see cref="InstanceIds.For"/>): the same hop in two runs hands over two deliveries.</summary>
    public string? Via => Runs.Via(Hop.ToString(), Run);
}
