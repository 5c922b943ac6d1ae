using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;

namespace FunctionsSequence.Core.Flows;

/// <summary>
/// Delivery to one hop of a flow (a Sequence's step, a Parallel branch's subscriber), an attempt
/// being one <see cref="TaskNames.RunStep"/> for the events it concerns. An event answered with no
/// event ends there; the answers of those that succeed go to <paramref name="onward"/> together.
/// </summary>
/// <param name="hop">The hop.</param>
/// <param name="manifests">Where the hop's destination and delivery are read.</param>
/// <param name="hops">Where the flow runs.</param>
/// <param name="tally">The counts of the run.</param>
/// <param name="onward">What follows the hop: the next step, or the reply.</param>
public sealed class HopDelivery(Hop hop, ManifestSet manifests, IFlowHops hops, RunTally tally, Func<IReadOnlyList<RunEvent>, Task> onward)
    : GroupDelivery(hops, hop, manifests.DeliveryOf(hop), $"{hop} ({manifests.DestinationOf(hop)})", tally, manifests.Describe(hop))
{
    /// <summary>
    /// What follows a flow's last hop: its answers go to the flow's reply (<see cref="ManifestSet.ReplyOf"/>),
    /// if it has one, and count as delivered.
    /// </summary>
    public static Func<IReadOnlyList<RunEvent>, Task> Reply(Hop last, ManifestSet manifests, IFlowHops hops, RunTally tally)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        bool hasReply = manifests.ReplyOf(last) is not null;
        return async answers =>
        {
            if (hasReply)
            {
                await hops.DeliverReplyAsync(new ReplyInput(last, answers));
            }

            tally.Delivered(answers.Count);
        };
    }

    /// <inheritdoc />
    protected override Task<DeliveryResult[]> AttemptAsync(IReadOnlyList<RunEvent> events) =>
        hops.RunStepAsync(new StepInput(Hop, events));

    /// <inheritdoc />
    protected override Task SucceededAsync(IReadOnlyList<(RunEvent Event, DeliveryResult Result)> done)
    {
        var answers = new List<RunEvent>(done.Count);
        foreach ((RunEvent item, DeliveryResult result) in done)
        {
            if (result.Reply is null)
            {
                Tally.EndedEarly();
            }
            else
            {
                RunEvent answer = item with { Event = result.Reply }; // passed on as read: the orchestration never looks inside
                Tally.Carried(item, answer);
                answers.Add(answer);
            }
        }

        return answers.Count == 0 ? Task.CompletedTask : onward(answers);
    }

    /// <inheritdoc />
    protected override DeadLetterInput DeadLetterOf(RunEvent failed, DeliveryResult result, int attempts) =>
        new(failed.Event.Json, manifests.DestinationOf(Hop).ToString(), Hop, result, attempts, failed.Redrive);
}
