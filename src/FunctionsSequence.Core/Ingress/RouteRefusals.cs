namespace FunctionsSequence.Core.Ingress;

/// <summary>
/// The 429s of one route since its last line about them, without a lock. The count is -1 while the
/// route is in no spell of back-pressure; the 429 that moves it to 0 starts a spell (and is logged
/// by itself), each later one adds one, and whoever swaps a count out reports exactly that many, so
/// no 429 is lost or reported twice. Which report takes a count, and the span it covers, are as
/// exact as concurrent requests allow; the count is exact.
/// </summary>
internal sealed class RouteRefusals(string method, string route)
{
    private const long NoSpell = -1;

    private long pending = NoSpell;
    private long sinceTicks;

    // 1 once a request was accepted during this spell: only the first reports at once.
    private int accepted;

    /// <summary>The method of the first request refused here (a 429 is only ever a POST's).</summary>
    public string Method { get; } = method;

    /// <summary>The route as the first request refused here named it (path base and path, no query).</summary>
    public string Route { get; } = route;

    /// <summary>Counts a 429; true when it starts a spell, which the caller logs at once.</summary>
    public bool Refused(TimeProvider time)
    {
        if (Interlocked.Increment(ref pending) != 0)
        {
            return false;
        }

        Volatile.Write(ref sinceTicks, time.GetUtcNow().UtcTicks);
        Volatile.Write(ref accepted, 0);
        return true;
    }

    /// <summary>
    /// A request was accepted: the first one of a spell takes the 429s not yet reported; the spell
    /// goes on, so that a route at its bound, where requests get in between 429s, is not a line each.
    /// </summary>
    public RefusalCount? Accepted(TimeProvider time)
    {
        // Plain reads first: later accepted requests of a spell, and those of a route in none, write nothing.
        if (Volatile.Read(ref pending) == NoSpell || Volatile.Read(ref accepted) != 0 || Interlocked.Exchange(ref accepted, 1) != 0)
        {
            return null;
        }

        return Swap(time.GetUtcNow(), static _ => 0);
    }

    /// <summary>
    /// At an interval: takes the 429s since the last line, and the spell goes on; a spell with none
    /// since then ends here, quietly, so that the route's next 429 is logged at once.
    /// </summary>
    public RefusalCount? Tick(DateTimeOffset now) => Swap(now, static count => count == 0 ? NoSpell : 0);

    /// <summary>Ends the spell, if there is one, with the 429s not yet reported (maybe none).</summary>
    public RefusalCount? End(DateTimeOffset now) => Swap(now, static _ => NoSpell);

    /// <summary>Replaces the count with <paramref name="next"/> of it, atomically; null when the route is in no spell.</summary>
    private RefusalCount? Swap(DateTimeOffset now, Func<long, long> next)
    {
        while (true)
        {
            long count = Volatile.Read(ref pending);
            if (count == NoSpell)
            {
                return null;
            }

            long after = next(count);
            if (Interlocked.CompareExchange(ref pending, after, count) == count)
            {
                // No count, no line: the span of the next one still starts at the last line.
                return new RefusalCount(count, count > 0 ? Span(now) : TimeSpan.Zero, Ended: after == NoSpell);
            }
        }
    }

    /// <summary>The time since the last line about this route's 429s, which a report becomes.</summary>
    private TimeSpan Span(DateTimeOffset now)
    {
        long since = Interlocked.Exchange(ref sinceTicks, now.UtcTicks);
        return TimeSpan.FromTicks(Math.Max(0, now.UtcTicks - since));
    }
}
