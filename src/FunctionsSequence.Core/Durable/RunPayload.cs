using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Durable;

/// <summary>
/// How many of a run's events one activity call carries, and one run starts with: together they weigh at most
/// <see cref="MaxBytes"/>. fseq's engine (the Durable Task gRPC worker) refuses an orchestrator action over 3.9 MB,
/// failing the whole run; the Functions host takes more, and gets the same parts, so that both run alike. One answer
/// heavier than that fails its attempt on both (<see cref="TooHeavy"/>).
/// </summary>
public static class RunPayload
{
    /// <summary>What the events of one call or one run's start may weigh together, with room under 3.9 MB for the rest of its input.</summary>
    public const long MaxBytes = 3 << 20;

    /// <summary>
    /// <paramref name="events"/> as consecutive parts, each of at most <see cref="MaxBytes"/> (an event heavier than that
    /// alone), in order; one part when they fit together, as nearly every run does.
    /// </summary>
    public static IReadOnlyList<Range> Parts(IReadOnlyList<RunEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        long total = 0;
        foreach (RunEvent e in events)
        {
            total += e.Event.PayloadBytes; // an event read from history is not unescaped for it
        }

        if (total <= MaxBytes)
        {
            return [Range.All];
        }

        var parts = new List<Range>();
        int start = 0;
        long weight = 0;
        for (int i = 0; i < events.Count; i++)
        {
            long next = events[i].Event.PayloadBytes;
            if (i > start && weight + next > MaxBytes)
            {
                parts.Add(start..i);
                (start, weight) = (i, 0);
            }

            weight += next;
        }

        parts.Add(start..events.Count);
        return parts;
    }

    /// <summary>
    /// How much an answer weighs in words, when it weighs more than <see cref="MaxBytes"/>: a run cannot carry it to its
    /// next hop on fseq's engine, so neither host does; null for an answer that may go on (nearly all, not weighed).
    /// </summary>
    public static string? TooHeavy(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return (long)json.Length * 6 > MaxBytes && Weight(json) is var weight && weight > MaxBytes ? Shown(weight) : null;
    }

    /// <summary>A weight in bytes, and in megabytes (of 2^20 bytes) as the limits are said.</summary>
    public static string Shown(long bytes) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes:N0} bytes ({bytes / (double)(1 << 20):0.##} MB)");

    /// <summary>
    /// <paramref name="call"/> for each part of <paramref name="events"/> (<see cref="Parts"/>), at once, its results
    /// (one per event) in the events' order.
    /// </summary>
    public static async Task<T[]> InPartsAsync<T>(IReadOnlyList<RunEvent> events, Func<IReadOnlyList<RunEvent>, Task<T[]>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (Parts(events) is not { Count: > 1 } parts)
        {
            return await call(events);
        }

        T[][] results = await Task.WhenAll(parts.Select(part => call(Slice(events, part))));
        return [.. results.SelectMany(r => r)];
    }

    /// <summary>The events of <paramref name="part"/>.</summary>
    public static IReadOnlyList<TItem> Slice<TItem>(IReadOnlyList<TItem> items, Range part)
    {
        ArgumentNullException.ThrowIfNull(items);
        (int offset, int length) = part.GetOffsetAndLength(items.Count);
        return offset == 0 && length == items.Count ? items : [.. items.Skip(offset).Take(length)];
    }

    /// <summary>What an event's JSON takes in an activity's input (<see cref="StructuredEvent.PayloadBytesOf"/>).</summary>
    public static long Weight(string json) => StructuredEvent.PayloadBytesOf(json);
}
