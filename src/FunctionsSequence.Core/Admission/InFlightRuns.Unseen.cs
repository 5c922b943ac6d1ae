using FunctionsSequence.Core.Durable;

namespace FunctionsSequence.Core.Admission;

/// <summary>Runs whose end may come on another instance, which <see cref="RunEndPoller"/> asks the task hub about.</summary>
public sealed partial class InFlightRuns
{
    /// <summary>How long after its start a run whose end may not be seen here is first checked; after that, each check comes at twice the run's age at the one before.</summary>
    public static TimeSpan FirstCheck { get; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The runs due for a check of their status, oldest first, at most <paramref name="max"/>: those that
    /// may end unseen (a <c>forgetAfter</c> is set) and have not ended here. Each is due again at twice its
    /// age now, so a run is read once if it ends within a second of its start, and a few times if it
    /// waits out minutes of retries.
    /// </summary>
    public IReadOnlyList<string> DueForCheck(int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var due = new List<string>();
        lock (sync)
        {
            Expire();
            DateTimeOffset now = time.GetUtcNow();
            foreach ((string id, Run run) in unseen)
            {
                if (run.StartedAt + FirstCheck > now || due.Count == max)
                {
                    break; // in start order: the rest are younger
                }

                if (runs.TryGetValue(id, out Run? known) && ReferenceEquals(known, run) && run.NextCheck <= now)
                {
                    due.Add(id);
                    run.NextCheck = now + (now - run.StartedAt);
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

    private sealed class Run(int events, RunTarget? slotOf, DateTimeOffset startedAt)
    {
        public int Events { get; } = events;

        public RunTarget? SlotOf { get; set; } = slotOf;

        public DateTimeOffset StartedAt { get; } = startedAt;

        /// <summary>When <see cref="DueForCheck"/> next gives it.</summary>
        public DateTimeOffset NextCheck { get; set; } = startedAt + FirstCheck;
    }
}
