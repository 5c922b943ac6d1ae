using System.Diagnostics;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Routing;
using FunctionsSequence.Core.Steps;
using FunctionsSequence.Core.Telemetry;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Flows;

/// <summary>
/// The activities of a flow's hops, Sequence and Parallel alike. They run at least once, so each is
/// idempotent: steps are pure or idempotent by contract, and what they start has event-derived
/// ids. A failed attempt is returned as a <see cref="DeliveryResult"/>, for the orchestration to
/// retry by Knative's rules.
/// </summary>
public sealed class HopActivities(ManifestSet manifests, ServiceInvoker services, EventRouter router, AppStopping stopping, ILogger<HopActivities> logger)
{
    // The last hop tries its reply once: the reply's own activity has the retries, and their waits.
    private const int LastHopAttempts = 1;

    /// <summary>
    /// <see cref="TaskNames.RunStep"/>: one attempt at the hop for each event, side by side; a result
    /// per event, in order (its answer, or none to end its chain). At a flow's last hop the answers then
    /// go to the flow's reply (<see cref="StepInput.ThenReply"/>), and their results say how that went (one the reply took holds no answer). A Sequence or Parallel as the hop
    /// takes the run's events as one run and answers nothing, as a Knative channel answers 202; a
    /// Broker takes them with one hop less, and answers nothing, as Knative's broker ingress does.
    /// </summary>
    public async Task<DeliveryResult[]> RunStepAsync(StepInput input, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        Destination destination = manifests.DestinationOf(input.Hop);
        DeliverySpec? delivery = manifests.DeliveryOf(input.Hop);
        TimeSpan? timeout = delivery?.Timeout;
        string? via = input.Via;
        if (RunTarget.TakesOver(destination))
        {
            CloudEvent[] events = [.. input.Events.Select(item => item.Event.Decode())];
            foreach (CloudEvent cloudEvent in events)
            {
                HopLog.Sending(logger, input.Hop, destination, cloudEvent.Id);
            }

            DeliveryResult[] handed = await HandOver.AttemptAsync(
                input.Hop,
                destination,
                events,
                token => router.SendAsync(client, destination, [.. events.Select((e, i) => new RoutedEvent(e, input.Events[i].BrokerTtl))], via, delivery?.Format, token),
                timeout,
                cancellationToken);
            if (handed is [{ Succeeded: true }, ..])
            {
                foreach (CloudEvent cloudEvent in events)
                {
                    HopLog.ChainEnded(logger, input.Hop, cloudEvent.Id);
                }
            }

            return stopping.Check(handed, input.Hop.ToString());
        }

        bool answersGoNowhere = manifests.AnswersGoNowhere(input.Hop);
        Func<CloudEvent, CancellationToken, ValueTask<CloudEvent?>> invoke = (sent, token) => services.InvokeAsync(destination, sent, AnswerUse.Output, via, delivery?.Format, token); // the hop's, one for all its events
        DeliveryResult[] results = await Task.WhenAll(input.Events.Select(async item =>
        {
            CloudEvent cloudEvent = item.Event.Decode();
            HopLog.Sending(logger, input.Hop, destination, cloudEvent.Id);
            DeliveryResult result = answersGoNowhere
                ? await UnsentAnswerAttempt.RunAsync(input.Hop, destination, cloudEvent, invoke, timeout, logger, cancellationToken)
                : await TracedAttempt.RunAsync(input.Hop, destination, cloudEvent, invoke, timeout, cancellationToken);
            if (result is { Succeeded: true, Event: null, AnsweredNowhere: false })
            {
                HopLog.ChainEnded(logger, input.Hop, cloudEvent.Id);
            }

            return result;
        }));
        results = stopping.Check(results, input.Hop.ToString());
        return input.ThenReply ? await ReplyAsync(input, results, client, cancellationToken) : results;
    }

    /// <summary>
    /// <see cref="TaskNames.DeliverReply"/>: sends the answers of a flow's last hop to its reply. Into
    /// a flow they go as one run with an id derived from them, so a rerun of this activity starts
    /// nothing twice; into a Broker each gets one hop less than the event it came from. Each event
    /// of a reply to a Service or URI is tried on its own, <see cref="ReplyRetry.MaxAttempts"/> times.
    /// What is given up fails the activity, unless the run dead-letters it (<see cref="ReplyInput.DeadLetters"/>): the
    /// outcome then names it. A failure worth another try (into a flow or a Broker) still fails it, for the run's retry policy.
    /// </summary>
    public async Task<ReplyOutcome> DeliverReplyAsync(ReplyInput input, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        IReadOnlyList<ReplyFailure> failures;
        try
        {
            failures = await TryReplyAsync(input, ReplyRetry.MaxAttempts, client, cancellationToken);
        }
        catch (Exception ex) when (input.DeadLetters && stopping.IsStopping && ex is not OperationCanceledException)
        {
            // While the app stops a failure does not count, so none is dead-lettered: the activity runs again after the restart.
            stopping.ThrowIfStopping($"{input.From.Replier} reply");
            throw;
        }
        catch (ReplyGivenUpException refusal) when (input.DeadLetters)
        {
            // A flow or Broker refused them together, as Knative does not retry.
            DeliveryResult failure = ReplyFailure.VerdictOf(refusal);
            return new ReplyOutcome([.. input.Events.Select(_ => failure)]);
        }
        catch (OperationCanceledException timedOut) when (input.DeadLetters && !cancellationToken.IsCancellationRequested)
        {
            // The reply's own bound ran out (DeliveryPolicy.DefaultBound): a failure to retry and then dead-letter, not a stop.
            throw new TimeoutException($"{input.From.Replier} reply: {timedOut.Message}", timedOut);
        }

        if (failures.Count == 0)
        {
            return ReplyOutcome.Delivered;
        }

        // While the app stops, what this run tried and did not deliver is tried again after the restart; a refusal
        // the last hop's try met is not, so refusals alone fail the run now rather than send the delivered events again.
        if (failures.Any(f => input.Refused?[f.Index] is null))
        {
            stopping.ThrowIfStopping($"{input.From.Replier} reply");
        }

        if (input.DeadLetters)
        {
            var each = new DeliveryResult?[input.Events.Count];
            foreach (ReplyFailure failure in failures)
            {
                each[failure.Index] = ReplyFailure.VerdictOf(failure.Failure);
            }

            return new ReplyOutcome(each);
        }

        throw new ReplyGivenUpException(ReplyFailure.Describe(failures, Math.Max(input.Answered, input.Events.Count), input.Attempted + ReplyRetry.MaxAttempts), failures[0].Failure);
    }

    /// <summary>
    /// Sends a flow's reply, each event of a reply to a Service or URI tried up to
    /// <paramref name="attempts"/> times on its own; returns those not delivered. A flow, a Broker
    /// or the display takes the events together and throws when it does not.
    /// </summary>
    private async Task<IReadOnlyList<ReplyFailure>> TryReplyAsync(ReplyInput input, int attempts, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (manifests.ReplyOf(input.From) is not { } reply)
        {
            return [];
        }

        if (services.TryGetDisplay(reply, out DisplayStep? display))
        {
            // The display's spans are the reply's: they start under the last hop's span, as a reply's would.
            foreach (RunEvent item in input.Events)
            {
                ReplyLog.Sending(logger, input.From.Replier, reply, logger.IsEnabled(LogLevel.Information) ? CloudEventJson.ReadId(item.Event.Json) : null);
            }

            await display.ShowStructuredAsync([.. input.Events.Select(e => e.Event.Json)], input.Via, cancellationToken);
            return [];
        }

        string?[] refused = [.. input.Refused ?? new string?[input.Events.Count]];
        var events = new List<RoutedEvent>(input.Events.Count);
        for (int i = 0; i < input.Events.Count; i++)
        {
            CloudEvent cloudEvent = input.Events[i].Event.Decode();
            if (refused[i] is null)
            {
                ReplyLog.Sending(logger, input.From.Replier, reply, cloudEvent.Id);
            }

            events.Add(new RoutedEvent(cloudEvent, input.Events[i].BrokerTtl));
        }

        using HopSpans spans = HopSpans.Start(EventTrace.Listening ? $"{input.From.Replier} reply" : null, ActivityKind.Producer, reply, events, static e => e.Event);
        if (RunTarget.TakesOver(reply))
        {
            // One run or one publish, which recognises its events when a try sends them all again; a refusal of it refused them all.
            if (refused.FirstOrDefault(r => r is not null) is { } refusal)
            {
                throw new ReplyGivenUpException(refusal);
            }

            await SendReplyAsync(input, reply, events, client, cancellationToken);
            return [];
        }

        // A Service or URI takes each event in a request of its own and would take a repeat as a new
        // event: each is tried on its own, so one event's failure sends no other again, and one refused
        // at the last hop's try is not sent again.
        IReadOnlyList<(int Item, Exception Failure)> failures = await ReplyRetry.EachAsync(
            [.. Enumerable.Range(0, events.Count).Where(i => refused[i] is null)], i => SendReplyAsync(input, reply, [events[i]], client, cancellationToken), attempts, cancellationToken);
        return [.. failures
            .Concat(Enumerable.Range(0, events.Count).Where(i => refused[i] is not null).Select(i => (Item: i, Failure: (Exception)new ReplyGivenUpException(refused[i]!))))
            .OrderBy(f => f.Item)
            .Select(f => new ReplyFailure(f.Item, events[f.Item].Event.Id, f.Failure))];
    }

    /// <summary>
    /// Sends the answers of a flow's last hop on to the flow's reply, one try, and says so in their
    /// results: replied, refused and why, or left for the reply's own activity, which tries what is
    /// left and names the refusals in the run's failure: its tries then wait there (on durable timers
    /// into a flow or a Broker), not in this step's activity.
    /// </summary>
    private async Task<DeliveryResult[]> ReplyAsync(StepInput input, DeliveryResult[] results, DurableTaskClient client, CancellationToken cancellationToken)
    {
        int[] answered = [.. Enumerable.Range(0, results.Length).Where(i => results[i] is { Succeeded: true, Reply: not null })];
        if (answered.Length == 0)
        {
            return results;
        }

        var failed = new Exception?[answered.Length];
        try
        {
            var reply = new ReplyInput(input.Hop, [.. answered.Select(i => input.Events[i] with { Event = results[i].Reply! })], input.Run);
            IReadOnlyList<ReplyFailure> failures = await TryReplyAsync(reply, LastHopAttempts, client, cancellationToken);
            foreach (ReplyFailure failure in failures)
            {
                failed[failure.Index] = failure.Failure;
            }

            ReplyFailure[] left = [.. failures.Where(f => f.Failure is not ReplyGivenUpException || stopping.IsStopping)];
            if (left.Length > 0)
            {
                ReplyLog.Left(logger, input.Hop.Replier, left.Length, left[0].Failure.Message);
            }
        }
        catch (ReplyGivenUpException ex) when (!stopping.IsStopping)
        {
            Array.Fill(failed, ex);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The app stopping included: the step's results are kept, and the reply's own activity sends the answers once it runs again.
            ReplyLog.Left(logger, input.Hop.Replier, answered.Length, ex.Message);
            return results;
        }

        // A refusal is kept for the run: the reply's own activity names it in the run's failure once it has tried the others,
        // or, with a dead-letter sink on the hop, the run dead-letters it with the refusal's status and body.
        // While the app stops no refusal counts (AppStopping): that activity tries them all after the restart.
        bool sink = manifests.DeliveryOf(input.Hop)?.DeadLetterSink is not null;
        DeliveryResult[] replied = [.. results];
        for (int j = 0; j < answered.Length; j++)
        {
            int i = answered[j];
            replied[i] = failed[j] switch
            {
                null => results[i] with { Replied = true, Reply = null }, // it went on: the run carries no answer it has no use for
                ReplyGivenUpException refusal when !stopping.IsStopping => results[i] with { ReplyGivenUp = refusal.Message, ReplyRefusal = sink ? ReplyFailure.VerdictOf(refusal) : null },
                _ => results[i] with { ReplyAttempts = LastHopAttempts },
            };
        }

        return replied;
    }

    private async Task SendReplyAsync(ReplyInput input, Destination reply, List<RoutedEvent> events, DurableTaskClient client, CancellationToken cancellationToken)
    {
        try
        {
            using CancellationTokenSource bound = DeliveryPolicy.DefaultBound(cancellationToken);
            await router.SendAsync(client, reply, events, input.Via, format: null, bound.Token); // no delivery governs a flow's reply, as in Knative
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Said where it happens, as a step's failure is: otherwise only the run's record and fseq's summary say it.
            if (RunTarget.TakesOver(reply))
            {
                ReplyLog.Failed(logger, input.From.Replier, reply, events.Count, ex.Message);
            }
            else
            {
                ReplyLog.EventFailed(logger, input.From.Replier, reply, events[0].Event.Id, ex.Message);
            }

            if (ex is StepFailedException { Retryable: false })
            {
                throw new ReplyGivenUpException(ex.Message, ex);
            }

            throw;
        }
    }
}
