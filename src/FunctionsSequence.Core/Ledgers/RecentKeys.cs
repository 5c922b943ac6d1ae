namespace FunctionsSequence.Core.Ledgers;

/// <summary>
/// The most recent keys added, up to a capacity, and, when given a <c>maxAge</c>, for at most that long:
/// adding past the capacity forgets the oldest, so memory stays bounded however long the process runs. Thread-safe.
/// </summary>
/// <param name="capacity">How many keys are kept.</param>
/// <param name="maxAge">How long a key counts once added; null: until the capacity pushes it out.</param>
/// <param name="time">The clock <paramref name="maxAge"/> is read on (tests pass a fake one).</param>
public sealed class RecentKeys(int capacity, TimeSpan? maxAge = null, TimeProvider? time = null)
{
    private readonly Lock sync = new();
    private readonly TimeProvider clock = time ?? TimeProvider.System;
    private readonly Dictionary<string, long> keys = new(StringComparer.Ordinal);
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

    /// <summary>Adds <paramref name="key"/>; false when it is kept already, and not older than the max age.</summary>
    public bool Add(string key)
    {
        lock (sync)
        {
            long now = clock.GetTimestamp();
            if (keys.TryGetValue(key, out long added))
            {
                if (!Expired(added, now))
                {
                    return false;
                }

                keys[key] = now; // its place in the order stays: it may be forgotten early, never kept too long
                return true;
            }

            keys.Add(key, now);
            order.Enqueue(key);
            while (order.Count > Capacity)
            {
                keys.Remove(order.Dequeue());
            }

            return true;
        }
    }

    /// <summary>True when <paramref name="key"/> is kept, and not older than the max age.</summary>
    public bool Contains(string key)
    {
        lock (sync)
        {
            return keys.TryGetValue(key, out long added) && !Expired(added, clock.GetTimestamp());
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

    private bool Expired(long added, long now) => maxAge is { } age && clock.GetElapsedTime(added, now) >= age;
}
