namespace FunctionsSequence.Core.Ledgers;

/// <summary>
/// The most recent keys added, up to a capacity: adding past it forgets the oldest, so memory stays
/// bounded however long the process runs. Thread-safe.
/// </summary>
/// <param name="capacity">How many keys are kept.</param>
public sealed class RecentKeys(int capacity)
{
    private readonly Lock sync = new();
    private readonly HashSet<string> keys = new(StringComparer.Ordinal);
    private readonly Queue<string> order = new();

    /// <summary>How many keys are kept at most.</summary>
    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be positive");

    /// <summary>How many keys are kept now.</summary>
    public int Count
    {
        get
        {
            lock (sync)
            {
                return keys.Count;
            }
        }
    }

    /// <summary>Adds <paramref name="key"/>; false when it was there already.</summary>
    public bool Add(string key)
    {
        lock (sync)
        {
            if (!keys.Add(key))
            {
                return false;
            }

            order.Enqueue(key);
            while (order.Count > Capacity)
            {
                keys.Remove(order.Dequeue());
            }

            return true;
        }
    }

    /// <summary>True when <paramref name="key"/> is kept.</summary>
    public bool Contains(string key)
    {
        lock (sync)
        {
            return keys.Contains(key);
        }
    }

    /// <summary>Forgets <paramref name="key"/>; false when it was not kept.</summary>
    public bool Remove(string key)
    {
        lock (sync)
        {
            // Its place in the order stays until it comes up, and a key added again meanwhile is
            // forgotten with it: the set is a bound on memory, not an exact history.
            return keys.Remove(key);
        }
    }
}
