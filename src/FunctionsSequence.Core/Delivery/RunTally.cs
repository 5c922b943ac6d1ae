using FunctionsSequence.Core.Durable;

namespace FunctionsSequence.Core.Delivery;

/// <summary>Counts what became of a run's events as its hops go; thread-safe, as a run in process goes down several paths at once.</summary>
/// <param name="events">Events in the run.</param>
public sealed class RunTally(int events)
{
    private readonly Lock sync = new();
    private readonly List<string> failures = [];
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

    /// <summary>An event that failed for good with no dead-letter sink.</summary>
    public void Failed(string failure)
    {
        lock (sync)
        {
            failures.Add(failure);
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

    private void Add(ref int counter, int count)
    {
        lock (sync)
        {
            counter += count;
        }
    }
}
