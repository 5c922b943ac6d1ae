using FunctionsSequence.Core.Durable;

namespace FunctionsSequence.Core.Delivery;

/// <summary>
/// Counts what became of a run's events as its hops go, and records each attempt (<see cref="RunRecord"/>);
/// thread-safe, as a run in process goes down several paths at once.
/// </summary>
/// <param name="events">Events in the run.</param>
public sealed class RunTally(int events)
{
    private readonly Lock sync = new();
    private readonly List<string> failures = [];
    private readonly List<HopAttempt> attempts = [];

    // An event's index in the run's input, by the very object that carries it: an answer passed on
    // gets its question's index (Carried), so the record follows each event through the hops.
    private readonly Dictionary<RunEvent, int> indexes = new(ReferenceEqualityComparer.Instance);
    private int runEvents;
    private int recordedFailures;
    private int dropped;
    private int delivered;
    private int endedEarly;
    private int deadLettered;

    /// <summary>Events in the run.</summary>
    public int Events { get; } = events;

    /// <summary>True when the run carries more than one event: logs and failures then name each event.</summary>
    public bool Shared => Events > 1;

    /// <summary>Events that reached the end.</summary>
    public void Delivered(int count) => Add(ref delivered, count);

    /// <summary>An event a step answered with no event.</summary>
    public void EndedEarly() => Add(ref endedEarly, 1);

    /// <summary>An event sent to a dead-letter sink.</summary>
    public void DeadLettered() => Add(ref deadLettered, 1);

    /// <summary>An event that failed for good with no dead-letter sink, or whose sink refused it too.</summary>
    public void Failed(string failure)
    {
        lock (sync)
        {
            failures.Add(failure);
        }
    }

    /// <summary>
    /// The dead-letter sink of <paramref name="hop"/> failed for <paramref name="item"/>, which its last
    /// attempt there recorded as dead-lettered: the record says so instead.
    /// </summary>
    public void DeadLetterFailed(string hop, RunEvent item)
    {
        lock (sync)
        {
            int index = IndexOf(item);
            static bool Sent(HopFailure f, int index) => f.Event == index && f.Fate == HopFate.DeadLettered;
            int at = attempts.FindLastIndex(a => a.Hop == hop && a.Failed.Any(f => Sent(f, index)));
            if (at >= 0)
            {
                attempts[at] = attempts[at] with { Failed = [.. attempts[at].Failed.Select(f => Sent(f, index) ? f with { Fate = HopFate.DeadLetterFailed } : f)] };
            }
        }
    }

    /// <summary>The run's input, whose order gives each event its index in the record.</summary>
    public RunTally Tracking(IReadOnlyList<RunEvent> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        lock (sync)
        {
            runEvents = input.Count;
            for (int i = 0; i < input.Count; i++)
            {
                indexes.TryAdd(input[i], i);
            }
        }

        return this;
    }

    /// <summary><paramref name="answer"/> goes on for <paramref name="question"/>: the same event of the run.</summary>
    public void Carried(RunEvent question, RunEvent answer)
    {
        lock (sync)
        {
            if (indexes.TryGetValue(question, out int index))
            {
                indexes.TryAdd(answer, index);
            }
        }
    }

    /// <summary>Records an attempt at <paramref name="hop"/> for <paramref name="events"/>, with the failures among them.</summary>
    public void Attempted(string hop, int attempt, DateTime at, TimeSpan took, IReadOnlyList<RunEvent> events, IEnumerable<(RunEvent Event, DeliveryResult Result, HopFate Fate, string? Sink)> failed)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(failed);
        lock (sync)
        {
            if (attempts.Count >= RunRecord.MaxAttempts)
            {
                dropped++;
                return;
            }

            var kept = new List<HopFailure>();
            foreach ((RunEvent item, DeliveryResult result, HopFate fate, string? sink) in failed)
            {
                if (recordedFailures++ >= RunRecord.MaxFailures)
                {
                    dropped++;
                    continue;
                }

                string? error = result.Error is { Length: > RunRecord.MaxErrorLength } text ? text[..RunRecord.MaxErrorLength] : result.Error;
                kept.Add(new HopFailure(IndexOf(item), result.StatusCode, error, fate, sink));
            }

            List<int> which = [.. events.Select(IndexOf)];
            bool all = which.Count == runEvents && which.Order().SequenceEqual(Enumerable.Range(0, runEvents));
            attempts.Add(new HopAttempt(hop, attempt, at, took, all ? [] : which) { Failed = kept });
        }
    }

    /// <summary>
    /// Records an attempt at <paramref name="hop"/> that began at <paramref name="started"/> and is
    /// over now, on <paramref name="context"/>'s clock, and reports the record there, where inspection
    /// reads it.
    /// </summary>
    public void Attempted(
        IDeliveryContext context, string hop, int attempt, DateTime started, IReadOnlyList<RunEvent> events, IEnumerable<(RunEvent Event, DeliveryResult Result, HopFate Fate, string? Sink)> failed)
    {
        ArgumentNullException.ThrowIfNull(context);
        Attempted(hop, attempt, started, context.UtcNow - started, events, failed);
        context.Report(Record());
    }

    /// <summary>The attempts so far.</summary>
    public RunRecord Record()
    {
        lock (sync)
        {
            return new RunRecord([.. attempts], dropped);
        }
    }

    /// <summary>The counts so far.</summary>
    public RunOutcome Outcome()
    {
        lock (sync)
        {
            return new RunOutcome(Events, delivered, endedEarly, deadLettered) { Failures = [.. failures] };
        }
    }

    private int IndexOf(RunEvent item) => indexes.TryGetValue(item, out int index) ? index : -1;

    private void Add(ref int counter, int count)
    {
        lock (sync)
        {
            counter += count;
        }
    }
}
