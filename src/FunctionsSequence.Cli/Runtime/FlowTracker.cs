using System.Collections.Concurrent;
using FunctionsSequence.Core.Sequences;

namespace FunctionsSequence.Cli.Runtime;

/// <summary>
/// Counts the orchestrations in flight, as the router starts them and as they report their end.
/// Work an orchestration causes is started by its activities before it ends, so nothing is in
/// flight once the count is zero: that is when <c>--once</c> has settled. The count is also what
/// ingress throttles on.
/// </summary>
internal sealed class FlowTracker : IFlowObserver
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> pending = new(StringComparer.Ordinal);
    private int pendingEvents;
    // An orchestration can finish before the call that scheduled it has returned. After a restart,
    // orchestrations recovered from storage also end here without having started in this process,
    // so the set is bounded.
    private const int MaxFinishedFirst = 10_000;
    private readonly HashSet<string> finishedFirst = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> failures = new();

    public IReadOnlyCollection<string> Failures => failures;

    public int Pending
    {
        get
        {
            lock (gate)
            {
                return pending.Count;
            }
        }
    }

    /// <summary>Events carried by the orchestrations in flight (a batch carries several).</summary>
    public int PendingEvents
    {
        get
        {
            lock (gate)
            {
                return pendingEvents;
            }
        }
    }

    /// <summary>Orchestrations started since the count was last reset.</summary>
    public int StartedRuns { get; private set; }

    /// <summary>Events those orchestrations carried.</summary>
    public int StartedEvents { get; private set; }

    public void ResetStartCounts()
    {
        lock (gate)
        {
            (StartedRuns, StartedEvents) = (0, 0);
        }
    }

    public void Started(string instanceId, int events)
    {
        lock (gate)
        {
            StartedRuns++;
            StartedEvents += events;
            if (!finishedFirst.Remove(instanceId) && pending.TryAdd(instanceId, events))
            {
                pendingEvents += events;
            }
        }
    }

    public void Completed(string instanceId, string? failure)
    {
        lock (gate)
        {
            if (pending.Remove(instanceId, out int events))
            {
                pendingEvents -= events;
            }
            else
            {
                if (finishedFirst.Count >= MaxFinishedFirst)
                {
                    finishedFirst.Clear();
                }

                finishedFirst.Add(instanceId);
            }
        }

        if (failure is not null)
        {
            failures.Enqueue($"{instanceId}: {failure}");
        }
    }

    public void Failed(string what, Exception exception) => failures.Enqueue($"{what}: {exception.Message}");

    /// <summary>Waits until nothing is in flight; false on timeout.</summary>
    public async Task<bool> WaitForSettledAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (Pending > 0)
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(20, cancellationToken);
        }

        return true;
    }
}
