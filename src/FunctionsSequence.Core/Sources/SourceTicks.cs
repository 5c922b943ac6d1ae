using FunctionsSequence.Core.Api;

namespace FunctionsSequence.Core.Sources;

/// <summary>
/// Which source ticks fall in a window: how a timer that wakes periodically fires every
/// PingSource on its own schedule, catching up on ticks missed while the app was down.
/// </summary>
public static class SourceTicks
{
    /// <summary>
    /// Every (source, tick) with <paramref name="from"/> &lt; tick ≤ <paramref name="to"/>, in time order,
    /// at most <paramref name="maxPerSource"/> per source (the latest ones: after a long outage,
    /// an unbounded catch-up would flood the sinks).
    /// </summary>
    public static IReadOnlyList<(PingSourceResource Source, DateTimeOffset Tick)> Due(
        IEnumerable<PingSourceResource> sources, DateTimeOffset from, DateTimeOffset to, int maxPerSource = 60)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var due = new List<(PingSourceResource, DateTimeOffset)>();
        foreach (PingSourceResource source in sources)
        {
            CronSchedule schedule = CronSchedule.Parse(source.Schedule, source.TimeZone);
            var ticks = new Queue<DateTimeOffset>();
            for (DateTimeOffset? tick = schedule.GetNextOccurrence(from); tick is { } t && t <= to; tick = schedule.GetNextOccurrence(t))
            {
                ticks.Enqueue(t);
                if (ticks.Count > maxPerSource)
                {
                    ticks.Dequeue();
                }
            }

            due.AddRange(ticks.Select(t => (source, t)));
        }

        return due.OrderBy(d => d.Item2).ToList();
    }
}
