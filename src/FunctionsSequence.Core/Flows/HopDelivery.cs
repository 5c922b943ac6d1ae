using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;

namespace FunctionsSequence.Core.Flows;

/// <summary>
/// Delivery to one hop of a flow (a Sequence's step, a Parallel branch's subscriber), an attempt
/// being one <see cref="TaskNames.RunStep"/> for the events it concerns. An event answered with no
/// event ends there; the answers of those that succeed go on together, to the next hop or, from
/// the flow's last hop, to the flow's reply (<see cref="ManifestSet.ReplyOf"/>) if it has one.
/// </summary>
/// <param name="hop">The hop.</param>
/// <param name="manifests">Where the hop's destination, delivery and reply are read.</param>
/// <param name="hops">Where the flow runs.</param>
/// <param name="tally">The counts of the run.</param>
/// <param name="next">The next hop; null for the flow's last hop.</param>
public sealed class HopDelivery(Hop hop, ManifestSet manifests, IFlowHops hops, RunTally tally, Func<IReadOnlyList<RunEvent>, Task>? next)
    : GroupDelivery(hops, hop, manifests.DeliveryOf(hop), $"{hop} ({manifests.DestinationOf(hop)})", tally, manifests.Describe(hop))
{
    // The last hop's activity sends its answers to the reply itself, saving the run a hop; answers
    // whose results do not say Replied (a flow, Broker or Service out of reach at its one try, an
    // activity that did not try, a refusal) go by the reply's own activity, with the reply's retries
    // for all but the refusals, which it names in the run's failure.
    private readonly bool thenReply = next is null && manifests.ReplyOf(hop) is not null;

    /// <inheritdoc />
    protected override Task<DeliveryResult[]> AttemptAsync(IReadOnlyList<RunEvent> events) =>
        hops.RunStepAsync(new StepInput(Hop, events, ThenReply: thenReply));

    /// <inheritdoc />
    protected override async Task SucceededAsync(IReadOnlyList<(RunEvent Event, DeliveryResult Result)> done)
    {
        var answers = new List<RunEvent>(done.Count);
        var refused = new List<string?>(done.Count);
        int attempted = 0;
        int replied = 0;
        foreach ((RunEvent item, DeliveryResult result) in done)
        {
            if (result.Reply is null)
            {
                Tally.EndedEarly();
                continue;
            }

            RunEvent answer = item with { Event = result.Reply }; // passed on as read: the orchestration never looks inside
            Tally.Carried(item, answer);
            if (result.Replied)
            {
                Tally.Delivered(1);
                replied++;
                continue;
            }

            // A refusal at the last hop's try goes with the others, not to be sent again: the reply's
            // activity tries the others first and then fails the run, naming it.
            refused.Add(result.ReplyGivenUp);
            attempted = Math.Max(attempted, result.ReplyAttempts); // one attempt's answers share it: its one try, or none
            answers.Add(answer);
        }

        if (answers.Count == 0)
        {
            return;
        }

        if (next is not null)
        {
            await next(answers);
            return;
        }

        if (thenReply)
        {
            await hops.DeliverReplyAsync(new ReplyInput(
                Hop, answers, Attempted: attempted, Refused: refused.Any(r => r is not null) ? refused : null, Answered: replied + answers.Count));
        }

        Tally.Delivered(answers.Count);
    }

    /// <inheritdoc />
    protected override DeadLetterInput DeadLetterOf(RunEvent failed, DeliveryResult result, int attempts) =>
        new(failed.Event.Json, manifests.DestinationOf(Hop).ToString(), Hop, result, attempts, failed.Redrive);
}
