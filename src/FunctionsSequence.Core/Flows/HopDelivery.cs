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
    // for all but the refusals, which it names in the run's failure; with a dead-letter sink on the
    // hop, what the reply gives up goes there instead (ReplyOrDeadLetterAsync).
    private readonly bool thenReply = next is null && manifests.ReplyOf(hop) is not null;

    /// <inheritdoc />
    protected override Task<DeliveryResult[]> AttemptAsync(IReadOnlyList<RunEvent> events) =>
        hops.RunStepAsync(new StepInput(Hop, events, ThenReply: thenReply));

    /// <inheritdoc />
    protected override async Task SucceededAsync(IReadOnlyList<(RunEvent Event, DeliveryResult Result)> done)
    {
        var answers = new List<(RunEvent Input, RunEvent Answer, DeliveryResult Result)>(done.Count);
        int attempted = 0;
        int replied = 0;
        foreach ((RunEvent item, DeliveryResult result) in done)
        {
            // Sent on by the hop's activity: its answer is not carried back (histories written before carry it, unread).
            if (result.Replied)
            {
                Tally.Delivered(1);
                replied++;
                continue;
            }

            if (result.Reply is null)
            {
                // An answer with nowhere to go is not carried (AnsweredNowhere), but the event went through as one answered.
                if (result.AnsweredNowhere)
                {
                    Tally.Delivered(1);
                }
                else
                {
                    Tally.EndedEarly();
                }

                continue;
            }

            RunEvent answer = item with { Event = result.Reply }; // passed on as read: the orchestration never looks inside
            Tally.Carried(item, answer);
            attempted = Math.Max(attempted, result.ReplyAttempts); // one attempt's answers share it: its one try, or none
            answers.Add((item, answer, result));
        }

        if (answers.Count == 0)
        {
            return;
        }

        if (next is not null)
        {
            await next([.. answers.Select(a => a.Answer)]);
            return;
        }

        if (thenReply && DeadLetterSink is not null)
        {
            await ReplyOrDeadLetterAsync(answers, attempted, replied);
            return;
        }

        if (thenReply)
        {
            // A refusal at the last hop's try goes with the others, not to be sent again: the reply's
            // activity tries the others first and then fails the run, naming it.
            List<string?> refused = [.. answers.Select(a => a.Result.ReplyGivenUp)];
            await hops.DeliverReplyAsync(new ReplyInput(
                Hop, [.. answers.Select(a => a.Answer)], Attempted: attempted, Refused: refused.Any(r => r is not null) ? refused : null, Answered: replied + answers.Count));
        }

        Tally.Delivered(answers.Count);
    }

    /// <summary>
    /// Sends the answers on to the reply, and the hop's input of each the reply gave up to the hop's
    /// dead-letter sink, with the reply as <c>knativeerrordest</c>, as Knative's dispatcher does with the
    /// subscriber's delivery: a refusal at the last hop's try at once, beside the others' tries, those after them.
    /// </summary>
    private async Task ReplyOrDeadLetterAsync(List<(RunEvent Input, RunEvent Answer, DeliveryResult Result)> answers, int attempted, int replied)
    {
        DateTime started = Context.UtcNow;
        Destination reply = manifests.ReplyOf(Hop)!;
        string at = $"{Hop} reply ({reply})";
        string label = $"{Hop.Label} reply ({reply})";
        var refused = new List<(RunEvent Event, DeliveryResult Result)>();
        var sent = new List<(RunEvent Input, RunEvent Answer)>(answers.Count);
        foreach ((RunEvent input, RunEvent answer, DeliveryResult result) in answers)
        {
            if (result.ReplyGivenUp is { } refusal)
            {
                refused.Add((input, result.ReplyRefusal ?? DeliveryResult.Failure(0, retryable: false, refusal)));
            }
            else
            {
                sent.Add((input, answer));
            }
        }

        async Task SendAsync()
        {
            ReplyOutcome outcome = await hops.DeliverReplyAsync(
                new ReplyInput(Hop, [.. sent.Select(s => s.Answer)], Attempted: attempted, Answered: replied + answers.Count, DeadLetters: true));
            if (outcome.Failures.Count is not 0 && outcome.Failures.Count != sent.Count)
            {
                throw new InvalidOperationException($"{outcome.Failures.Count} reply result(s) for {sent.Count} event(s)");
            }

            List<(RunEvent Event, DeliveryResult Result)> givenUp = [.. outcome.Failures
                .Select((failure, i) => (sent[i].Input, failure))
                .Where(f => f.failure is not null)
                .Select(f => (f.Input, f.failure!))];
            Tally.Delivered(sent.Count - givenUp.Count);
            if (givenUp.Count > 0)
            {
                await FailedAfterAsync(at, label, reply.ToString(), started, attempted + ReplyRetry.MaxAttempts, givenUp);
            }
        }

        await Task.WhenAll(
            refused.Count > 0 ? FailedAfterAsync(at, label, reply.ToString(), started, 1, refused) : Task.CompletedTask,
            sent.Count > 0 ? SendAsync() : Task.CompletedTask);
    }

    /// <inheritdoc />
    protected override DeadLetterInput DeadLetterOf(RunEvent failed, DeliveryResult result, int attempts) =>
        new(failed.Event.Json, manifests.DestinationOf(Hop).ToString(), Hop, result, attempts, failed.Redrive);
}
