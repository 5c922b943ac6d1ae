using FunctionsSequence.Core.Durable;

namespace FunctionsSequence.Core.Admission;

/// <summary>
/// What stops a run's count other than its end seen here: its slot's lease running out, its status
/// read as ended (<see cref="RunEndPoller"/>, where runs may end on another instance), and <c>forgetAfter</c>.
/// </summary>
public sealed partial class InFlightRuns
{
    /// <summary>How long after its start a run whose end may not be seen here is first checked; after that, each check comes at twice the run's age at the one before.</summary>
    public static TimeSpan FirstCheck { get; } = TimeSpan.FromSeconds(1);

    // Runs that may end unseen, by when they are next checked: a check costs what is due, not what is in flight.
    private readonly PriorityQueue<(string Id, Run Run), DateTimeOffset> checks = new();

    /// <summary>
    /// Takes the runs due for a check of their status, those due longest first, at most <paramref name="max"/>:
    /// runs that may end unseen (a <c>forgetAfter</c> is set) and have not ended here. Each is due again
    /// at twice its age now, so a run is read once if it ends within a second of its start, and a few
    /// times if it waits out minutes of retries; a run is found ended at most as long after its end as it ran.
    /// </summary>
    public IReadOnlyList<string> TakeDueForCheck(int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var due = new List<string>();
        lock (sync)
        {
            Expire();
            DateTimeOffset now = time.GetUtcNow();
            while (due.Count < max && checks.TryPeek(out (string Id, Run Run) entry, out DateTimeOffset at) && at <= now)
            {
                checks.Dequeue();
                if (IsLive(entry))
                {
                    due.Add(entry.Id);
                    entry.Run.NextCheck = now + (now - entry.Run.StartedAt);
                    checks.Enqueue(entry, entry.Run.NextCheck);
                }
            }
        }

        return due;
    }

    /// <summary>Run <paramref name="instanceId"/> was found to have ended elsewhere: it stops counting and frees its slot. Nothing if it is not in flight here (its end was seen here first).</summary>
    public void EndedElsewhere(string instanceId)
    {
        RunTarget? freed;
        lock (sync)
        {
            Remove(instanceId, out freed);
        }

        if (freed is not null)
        {
            Freed?.Invoke(freed);
        }
    }

    /// <summary>Frees the slots whose lease ran out, and forgets runs past <c>forgetAfter</c>.</summary>
    private void Expire()
    {
        DateTimeOffset now = time.GetUtcNow();
        while (Front(leases) is { } leased && leased.StartedAt + options.Lease <= now)
        {
            leases.Dequeue();
            Release(leased.SlotOf!);
            leased.SlotOf = null; // still in flight; its slot is free for another run
        }

        while (forgetAfter is { } forget && Front(unseen) is { } old && old.StartedAt + forget <= now)
        {
            Remove(unseen.Dequeue().Id, out _);
        }

        // A run in flight at the front keeps the ended ones behind it: drop them once they are most of the queue.
        if (unseen.Count > 1024 && unseen.Count > 2 * runs.Count)
        {
            unseen = new Queue<(string Id, Run Run)>(unseen.Where(IsLive));
        }
    }

    /// <summary>Whether the run of an entry of a queue is still in flight (its id not ended, nor taken by a later run).</summary>
    private bool IsLive((string Id, Run Run) entry) => runs.TryGetValue(entry.Id, out Run? known) && ReferenceEquals(known, entry.Run);

    /// <summary>The first run of <paramref name="queue"/> still in flight (holding its slot, for the lease queue); ended ones are dropped.</summary>
    private Run? Front(Queue<(string Id, Run Run)> queue)
    {
        while (queue.TryPeek(out var first))
        {
            if (IsLive(first) && (queue != leases || first.Run.SlotOf is not null))
            {
                return first.Run;
            }

            queue.Dequeue();
        }

        return null;
    }

    private sealed class Run(int events, RunTarget? slotOf, DateTimeOffset startedAt)
    {
        public int Events { get; } = events;

        public RunTarget? SlotOf { get; set; } = slotOf;

        public DateTimeOffset StartedAt { get; } = startedAt;

        /// <summary>When <see cref="TakeDueForCheck"/> next gives it, where runs may end unseen.</summary>
        public DateTimeOffset NextCheck { get; set; } = startedAt + FirstCheck;
    }
}
