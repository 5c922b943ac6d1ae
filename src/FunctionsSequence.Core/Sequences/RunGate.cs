namespace FunctionsSequence.Core.Sequences;

/// <summary>
/// Counts the runs in flight of each Sequence and each Trigger (a lane, by key) for
/// <see cref="RunBatcher"/>. A run holds its slot from its start until its orchestration reports
/// its end (this is an <see cref="IFlowObserver"/> the orchestrators are given) or until its lease
/// runs out.
/// </summary>
public sealed class RunGate(BatchingOptions options, TimeProvider? time = null) : IFlowObserver
{
    // Ends seen before the start call returned (a fast run, or one recovered from storage); bounded.
    private const int MaxFinishedFirst = 10_000;
    private readonly TimeProvider time = time ?? TimeProvider.System;
    private readonly Lock sync = new();
    private readonly Dictionary<string, int> taken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Sequence, DateTimeOffset Expires)> running = new(StringComparer.Ordinal);
    private readonly HashSet<string> finishedFirst = new(StringComparer.Ordinal);

    /// <summary>Raised, outside any lock, with the lane whose slot was freed.</summary>
    public event Action<string>? Freed;

    /// <summary>The options in force.</summary>
    public BatchingOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Takes a slot for a new run in lane <paramref name="sequence"/>; false when all are taken.</summary>
    public bool TryEnter(string sequence)
    {
        lock (sync)
        {
            ExpireLeases();
            int count = taken.GetValueOrDefault(sequence);
            if (count >= Options.MaxInFlight)
            {
                return false;
            }

            taken[sequence] = count + 1;
            return true;
        }
    }

    /// <summary>The run that took a slot was scheduled as <paramref name="instanceId"/>.</summary>
    public void Entered(string sequence, string instanceId)
    {
        lock (sync)
        {
            if (!finishedFirst.Remove(instanceId))
            {
                running[instanceId] = (sequence, time.GetUtcNow() + Options.Lease);
                return;
            }

            Release(sequence);
        }

        Freed?.Invoke(sequence);
    }

    /// <summary>The run that took a slot was not scheduled (it failed, or was a duplicate).</summary>
    public void Abandon(string sequence)
    {
        lock (sync)
        {
            Release(sequence);
        }

        Freed?.Invoke(sequence);
    }

    /// <inheritdoc />
    public void Completed(string instanceId, string? failure)
    {
        string? sequence = null;
        lock (sync)
        {
            if (running.Remove(instanceId, out var run))
            {
                sequence = run.Sequence;
                Release(sequence);
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

        if (sequence is not null)
        {
            Freed?.Invoke(sequence);
        }
    }

    /// <inheritdoc />
    public void Started(string instanceId, int events)
    {
    }

    /// <inheritdoc />
    public void Failed(string what, Exception exception)
    {
    }

    private void ExpireLeases()
    {
        DateTimeOffset now = time.GetUtcNow();
        foreach ((string id, (string sequence, DateTimeOffset expires)) in running)
        {
            if (expires <= now)
            {
                running.Remove(id);
                Release(sequence);
            }
        }
    }

    private void Release(string sequence)
    {
        int count = taken.GetValueOrDefault(sequence);
        if (count <= 1)
        {
            taken.Remove(sequence);
        }
        else
        {
            taken[sequence] = count - 1;
        }
    }
}
