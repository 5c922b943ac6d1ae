using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Telemetry;

namespace FunctionsSequence.Core.Delivery;

/// <summary>
/// Knative's retry loop for the events of a run at one hop, each attempt one call for all the events
/// it concerns. Each event keeps its own fate: those that succeed are handed on at once, those that
/// fail in a way Knative retries wait out the back-off together (it depends only on the attempt)
/// and are tried again, and one that fails for good goes to the hop's dead-letter sink, or, with
/// none or when the sink refuses it too, is recorded as failed while the others go on. A hop says
/// how to attempt and what follows.
/// </summary>
/// <param name="context">Where the run runs.</param>
/// <param name="hop">The hop delivered to.</param>
/// <param name="delivery">The hop's retries, back-off and dead-letter sink.</param>
/// <param name="what">The hop as logs and failures name it.</param>
/// <param name="tally">The counts and record of the run.</param>
/// <param name="label">The hop as the run's record names it; <paramref name="what"/> when null.</param>
public abstract class GroupDelivery(IDeliveryContext context, Hop hop, DeliverySpec? delivery, string what, RunTally tally, string? label = null)
{
    /// <summary>Where the run runs.</summary>
    protected IDeliveryContext Context { get; } = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>The hop.</summary>
    protected Hop Hop { get; } = hop ?? throw new ArgumentNullException(nameof(hop));

    /// <summary>The counts of the run this hop is part of.</summary>
    protected RunTally Tally { get; } = tally ?? throw new ArgumentNullException(nameof(tally));

    /// <summary>The hop's dead-letter sink; null for none.</summary>
    protected string? DeadLetterSink => delivery?.DeadLetterSink?.ToString();

    /// <summary>Delivers <paramref name="events"/> until each has succeeded or failed for good.</summary>
    public Task RunAsync(IReadOnlyList<RunEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Count == 0 ? Task.CompletedTask : AttemptAsync(events, 0);
    }

    /// <summary>One attempt for each of <paramref name="events"/>; one result per event, in order.</summary>
    protected abstract Task<DeliveryResult[]> AttemptAsync(IReadOnlyList<RunEvent> events);

    /// <summary>Hands on the events of an attempt that succeeded, with their results.</summary>
    protected abstract Task SucceededAsync(IReadOnlyList<(RunEvent Event, DeliveryResult Result)> done);

    /// <summary>What the dead-letter sink is told about an event that failed for good.</summary>
    protected abstract DeadLetterInput DeadLetterOf(RunEvent failed, DeliveryResult result, int attempts);

    private async Task AttemptAsync(IReadOnlyList<RunEvent> events, int n)
    {
        DateTime started = Context.UtcNow;
        DeliveryResult[] results = await AttemptAsync(events);
        if (results.Length != events.Count)
        {
            throw new InvalidOperationException($"{results.Length} result(s) for {events.Count} event(s)");
        }

        int max = DeliveryPolicy.MaxAttempts(delivery);
        string? sink = DeadLetterSink;
        HopFate outOfRetries = sink is null ? HopFate.Failed : HopFate.DeadLettered;
        HopFate?[] fates = [.. results.Select(r => r.Succeeded ? (HopFate?)null : r.Retryable && n + 1 < max ? HopFate.Retrying : outOfRetries)];
        Record(events, results, fates, sink, n, started);
        var done = new List<(RunEvent, DeliveryResult)>();
        var retry = new List<RunEvent>();
        var retryResults = new List<DeliveryResult>();
        (RunEvent Event, DeliveryResult Result)? retried = null;
        var work = new List<Task>();
        for (int i = 0; i < events.Count; i++)
        {
            switch (fates[i])
            {
                case null:
                    done.Add((events[i], results[i]));
                    break;
                case HopFate.Retrying:
                    retry.Add(events[i]);
                    retryResults.Add(results[i]);
                    retried ??= (events[i], results[i]);
                    break;
                case HopFate fate:
                    work.Add(FailedAsync(events[i], results[i], n + 1, what, fate == HopFate.DeadLettered ? DeadLetterOf(events[i], results[i], n + 1) : null));
                    break;
            }
        }

        if (done.Count > 0)
        {
            work.Add(SucceededAsync(done));
        }

        if (retried is ({ } first, { } reason))
        {
            TimeSpan backoff = DeliveryPolicy.Backoff(delivery, n, retryResults);
            DeliveryLog.Retrying(Context.Logger, what, n + 1, max, CloudEventJson.ReadId(first.Event.Json), retry.Count - 1, reason.StatusCode, reason.Error, backoff.TotalSeconds);
            FlowMetrics.Retrying(Context.IsReplaying, Hop, retry.Count);
            work.Add(RetryAsync(retry, n + 1, backoff));
        }

        await Task.WhenAll(work);
    }

    /// <summary>Adds the attempt to the run's record, each failed event with its fate (null for one that succeeded), and reports the record.</summary>
    private void Record(IReadOnlyList<RunEvent> events, DeliveryResult[] results, HopFate?[] fates, string? sink, int n, DateTime started)
    {
        var failed = Enumerable.Range(0, events.Count)
            .Where(i => fates[i] is not null)
            .Select(i => (events[i], results[i], fates[i]!.Value, fates[i] == HopFate.DeadLettered ? sink : null));
        Tally.Attempted(Context, label ?? what, n + 1, started, events, failed);
    }

    private async Task RetryAsync(List<RunEvent> events, int n, TimeSpan backoff)
    {
        if (backoff > TimeSpan.Zero)
        {
            await Context.WaitAsync(backoff);
        }

        await AttemptAsync(events, n);
    }

    /// <summary>
    /// Events the hop took that failed for good after it, where it sent its answers on (a flow's reply), after
    /// <paramref name="attempts"/> tries there: recorded as an attempt at <paramref name="at"/> (<paramref name="atLabel"/>
    /// in the run's record) and each sent to the hop's dead-letter sink as the event the hop was given, as
    /// Knative's dispatcher dead-letters a subscriber's reply it gave up; without a sink they fail the run.
    /// </summary>
    protected Task FailedAfterAsync(string at, string atLabel, string destination, DateTime started, int attempts, IReadOnlyList<(RunEvent Event, DeliveryResult Result)> failed)
    {
        ArgumentNullException.ThrowIfNull(failed);
        string? sink = DeadLetterSink;
        HopFate fate = sink is null ? HopFate.Failed : HopFate.DeadLettered;
        Tally.Attempted(Context, atLabel, attempts, started, [.. failed.Select(f => f.Event)], failed.Select(f => (f.Event, f.Result, fate, sink)));
        return Task.WhenAll(failed.Select(f => FailedAsync(
            f.Event, f.Result, attempts, at, sink is null ? null : new DeadLetterInput(f.Event.Event.Json, destination, Hop, f.Result, attempts, f.Event.Redrive, OfReply: true), atLabel)));
    }

    /// <summary>
    /// An event that failed for good at <paramref name="at"/>: to the dead-letter sink, or recorded as lost to this run (kept
    /// in its input) when there is none, or when the sink fails too.
    /// </summary>
    private async Task FailedAsync(RunEvent failed, DeliveryResult result, int attempts, string at, DeadLetterInput? deadLetter, string? atLabel = null)
    {
        string? id = CloudEventJson.ReadId(failed.Event.Json);
        string? sink = DeadLetterSink;
        if (deadLetter is not null)
        {
            string? why = await DeadLetterAsync(deadLetter, id, at);
            if (why is null)
            {
                Tally.DeadLettered();
                FlowMetrics.DeadLettered(Context.IsReplaying, Hop);
                return;
            }

            Tally.DeadLetterFailed(atLabel ?? label ?? what, failed);
            Context.Report(Tally.Record());
            DeliveryLog.DeadLetterSinkFailed(Context.Logger, at, attempts, result.StatusCode, result.Error, id, sink, why);
            Tally.Failed(Tally.Shared
                ? $"event {id} ({at}): {result.Error}; its dead-letter sink {sink} failed too: {why}"
                : $"{at} failed after {attempts} attempt(s): {result.Error}. Its dead-letter sink {sink} failed too: {why}; event {id} is kept in this orchestration's input (and among the dead letters, fseq redrive list, when it was recorded before the sink refused it).");
            return;
        }

        DeliveryLog.Failed(Context.Logger, at, attempts, result.StatusCode, result.Error, id);
        Tally.Failed(Tally.Shared
            ? $"event {id} ({at}): {result.Error}"
            : $"{at} failed after {attempts} attempt(s): {result.Error}. No deadLetterSink is set; event {id} is kept in this orchestration's input.");
    }

    /// <summary>
    /// Sends a dead letter with the hop's retries and back-off, as Knative's dispatcher sends to a
    /// dead-letter sink with the retry config of the delivery that failed; null once the sink took
    /// it, else why it did not.
    /// </summary>
    private async Task<string?> DeadLetterAsync(DeadLetterInput deadLetter, string? id, string at)
    {
        int max = DeliveryPolicy.MaxAttempts(delivery);
        for (int n = 0; ; n++)
        {
            DeliveryResult sent;
            try
            {
                sent = await Context.DeadLetterAsync(deadLetter);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failure already in the run's history (the dead-letter store out of reach): replayed, it is caught the same way.
                return FailureText.Of(ex);
            }

            if (sent.Succeeded)
            {
                return null;
            }

            if (!sent.Retryable || n + 1 >= max)
            {
                return sent.Error ?? DeliveryLog.Status(sent.StatusCode);
            }

            TimeSpan backoff = DeliveryPolicy.Backoff(delivery, n, [sent]);
            DeliveryLog.Retrying(Context.Logger, $"{at}, dead-letter sink {DeadLetterSink}", n + 1, max, id, 0, sent.StatusCode, sent.Error, backoff.TotalSeconds);
            if (backoff > TimeSpan.Zero)
            {
                await Context.WaitAsync(backoff);
            }
        }
    }
}
