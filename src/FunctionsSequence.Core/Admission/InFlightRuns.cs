using System.Collections.Concurrent;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Ledgers;

namespace FunctionsSequence.Core.Admission;

/// <summary>
/// The runs this process scheduled and has not seen end, with the events they carry: what ingress
/// throttles on, what <c>--once</c> waits for, and the slots that bound the runs of each Sequence or
/// Trigger in flight (<see cref="BatchingOptions.MaxInFlight"/>). A run holds its target's slot
/// until its orchestration reports its end or its lease runs out; it counts as in flight until its
/// end is seen. When <c>forgetAfter</c> is set (runs can end on another instance of the app, where
/// this one cannot see them), also until <see cref="RunEndPoller"/> finds it ended, or at most that long.
/// </summary>
public sealed partial class InFlightRuns : IFlowObserver
{
    private readonly BatchingOptions options;
    private readonly TimeSpan? forgetAfter;
    private readonly TimeProvider time;
    private readonly NewestRunStarts? starts;
    private readonly Lock sync = new();
    private readonly Dictionary<string, Run> runs = new(StringComparer.Ordinal);
    private readonly Dictionary<RunTarget, int> slots = [];

    // Runs in the order they started, which is the order their leases (and forgetAfter) end:
    // expiring looks at the fronts only; entries of runs that ended already are dropped there.
    private readonly Queue<(string Id, Run Run)> leases = new();
    private Queue<(string Id, Run Run)> unseen = new();

    // Ends seen before the start was reported (a fast run, or one recovered from storage).
    private readonly RecentKeys endedFirst = new(10_000);
    // Runs whose failure is kept already.
    private readonly RecentKeys failed = new(10_000);
    // The newest failures only: a host that runs for months must not keep every one.
    private readonly ConcurrentQueue<string> failures = new();
    private long failureCount;
    private int events;
    private long startedRuns;
    private long startedEvents;

    /// <summary>Creates the tracker.</summary>
    /// <param name="options">The slots per target and their lease.</param>
    /// <param name="forgetAfter">How long a run whose end is not seen still counts; null: until its end.</param>
    /// <param name="time">The clock (tests pass a fake one).</param>
    /// <param name="starts">Where each run's start time goes as well, when the newest runs are kept by count; null: nowhere.</param>
    public InFlightRuns(BatchingOptions options, TimeSpan? forgetAfter = null, TimeProvider? time = null, NewestRunStarts? starts = null)
    {
        this.options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        this.forgetAfter = forgetAfter;
        this.time = time ?? TimeProvider.System;
        this.starts = starts;
    }

    /// <summary>Raised, outside any lock, with a target whose slot was freed.</summary>
    public event Action<RunTarget>? Freed;

    /// <summary>The most failures <see cref="Failures"/> keeps.</summary>
    public const int KeptFailures = 100;

    /// <summary>Work that failed (runs and work outside runs), for a host to report: the newest <see cref="KeptFailures"/>, oldest first.</summary>
    public IReadOnlyCollection<string> Failures => failures;

    /// <summary>How many failures there were in all, those no longer kept included.</summary>
    public long FailureCount => Interlocked.Read(ref failureCount);

    /// <summary>Runs in flight.</summary>
    public int Runs
    {
        get
        {
            lock (sync)
            {
                Expire();
                return runs.Count;
            }
        }
    }

    /// <summary>Events carried by the runs in flight.</summary>
    public int Events
    {
        get
        {
            lock (sync)
            {
                Expire();
                return events;
            }
        }
    }

    /// <summary>Runs started since the process began, and the events they carried: how much events share runs.</summary>
    public (long Runs, long Events) StartedTotals
    {
        get
        {
            lock (sync)
            {
                return (startedRuns, startedEvents);
            }
        }
    }

    /// <summary>The slots of <paramref name="target"/> taken now, as <see cref="TryTakeSlot"/> counts them; a view for tests, which check that only runs in flight hold one.</summary>
    internal int SlotsTaken(RunTarget target)
    {
        lock (sync)
        {
            Expire();
            return slots.GetValueOrDefault(target);
        }
    }

    /// <summary>Takes a slot for a new run of <paramref name="target"/>; false when all are taken, unless <paramref name="beyondBound"/>.</summary>
    public bool TryTakeSlot(RunTarget target, bool beyondBound = false)
    {
        lock (sync)
        {
            Expire();
            int taken = slots.GetValueOrDefault(target);
            if (taken >= options.MaxInFlight && !beyondBound)
            {
                return false;
            }

            slots[target] = taken + 1;
            return true;
        }
    }

    /// <summary>Gives back a slot taken for a run that was not scheduled (it failed, or was a duplicate).</summary>
    public void ReturnSlot(RunTarget target)
    {
        lock (sync)
        {
            Release(target);
        }

        Freed?.Invoke(target);
    }

    /// <inheritdoc />
    public void Started(string instanceId, int events, RunTarget? slotOf)
    {
        lock (sync)
        {
            startedRuns++;
            startedEvents += events;
            DateTimeOffset now = time.GetUtcNow();
            starts?.Add(now);
            if (!endedFirst.Remove(instanceId))
            {
                var run = new Run(events, slotOf, now);
                if (runs.TryAdd(instanceId, run))
                {
                    if (slotOf is not null)
                    {
                        leases.Enqueue((instanceId, run));
                    }

                    if (forgetAfter is not null)
                    {
                        unseen.Enqueue((instanceId, run));
                        checks.Enqueue((instanceId, run), run.NextCheck);
                    }

                    this.events += events;
                    return;
                }
            }

            if (slotOf is null)
            {
                return;
            }

            Release(slotOf); // it ended already, or is known already: its slot is free
        }

        Freed?.Invoke(slotOf);
    }

    /// <inheritdoc />
    public void Completed(string instanceId, string? failure)
    {
        RunTarget? freed;
        lock (sync)
        {
            // The failure counts before the run stops counting as in flight, so whoever sees none in
            // flight (--once) sees it; and once per run, as the engine may run a last episode again.
            if (failure is not null && failed.Add(instanceId))
            {
                Keep($"{instanceId}: {failure}");
            }

            if (!Remove(instanceId, out freed))
            {
                endedFirst.Add(instanceId);
            }
        }

        if (freed is not null)
        {
            Freed?.Invoke(freed);
        }
    }

    /// <summary>Stops counting a run, and frees its slot (returned); false when it is not in flight.</summary>
    private bool Remove(string instanceId, out RunTarget? freed)
    {
        freed = null;
        if (!runs.Remove(instanceId, out Run? run))
        {
            return false;
        }

        events -= run.Events;
        if (run.SlotOf is { } target)
        {
            Release(target);
            freed = target;
        }

        return true;
    }

    /// <inheritdoc />
    public void Failed(string what, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Keep($"{what}: {exception.Message}");
    }

    private void Keep(string failure)
    {
        failures.Enqueue(failure);
        Interlocked.Increment(ref failureCount);
        while (failures.Count > KeptFailures && failures.TryDequeue(out _))
        {
        }
    }

    /// <summary>Waits until no run is in flight; false on timeout.</summary>
    public async Task<bool> WaitForSettledAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        DateTimeOffset deadline = time.GetUtcNow() + timeout;
        while (Runs > 0)
        {
            if (time.GetUtcNow() >= deadline)
            {
                return false;
            }

            await Task.Delay(20, cancellationToken);
        }

        return true;
    }

    private void Release(RunTarget target)
    {
        int taken = slots.GetValueOrDefault(target);
        if (taken <= 1)
        {
            slots.Remove(target);
        }
        else
        {
            slots[target] = taken - 1;
        }
    }
}
