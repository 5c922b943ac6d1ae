using FunctionsSequence.Core.Api;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Sources;

/// <summary>
/// Fires every PingSource/CronJobSource from one timer that wakes on its own schedule (in Azure,
/// the <c>SourceTickSchedule</c> timer): each wake fires the ticks between where the last one left
/// off (<see cref="ISourceCursor"/>) and this wake's due time. The window ends at the due time, not
/// the clock, so a timer that fires a little early leaves no tick at the boundary for later; the
/// cursor, not the timer's own schedule status (which short schedules lack), says where to start,
/// so each tick is fired once, and after a restart the missed ones are fired. A tick fired twice
/// anyway (a crash before the cursor moved) has the same event id, which admission recognises.
/// </summary>
public sealed class SourceClock(ManifestSet manifests, SourceFirer firer, ISourceCursor cursor, CronSchedule wakes, TimeProvider time)
{
    // How far a timer may fire before or after its due time and still count as that wake.
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(2);

    /// <summary>Fires the ticks due since the last wake; returns how many.</summary>
    public async Task<int> FireDueAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        DateTimeOffset end = DueTime(now);
        DateTimeOffset start = await cursor.GetAsync(cancellationToken) ?? PreviousWake(end);
        if (end <= start)
        {
            return 0;
        }

        // Each source's ticks in order, the sources side by side, as Knative's adapter runs each source's schedule apart:
        // a sink slow to answer holds up no other source.
        IReadOnlyList<(PingSourceResource Source, DateTimeOffset Tick)> due = SourceTicks.Due(manifests.Sources, start, end);
        await Task.WhenAll(due.GroupBy(d => d.Source).Select(async ticks =>
        {
            foreach ((PingSourceResource source, DateTimeOffset tick) in ticks)
            {
                await firer.FireAsync(client, source, tick, cancellationToken);
            }
        }));

        await cursor.SetAsync(end, cancellationToken);
        return due.Count;
    }

    /// <summary>
    /// Where a clock that wakes at its sources' own ticks (fseq) starts: from the cursor kept before, if any (a task hub on
    /// storage), so the ticks missed while it was down fire at its first wake, as the Functions app's do; else from now,
    /// so that no tick from before the start fires.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await cursor.GetAsync(cancellationToken) is null)
        {
            await cursor.SetAsync(time.GetUtcNow(), cancellationToken);
        }
    }

    /// <summary>This wake's due time: its occurrence of the schedule when the timer fired near it, else the clock.</summary>
    public DateTimeOffset DueTime(DateTimeOffset now) =>
        wakes.GetNextOccurrence(now - Tolerance) is { } due && due <= now + Tolerance ? due : now;

    /// <summary>Where a first run (no cursor yet) starts: one wake period before <paramref name="end"/>.</summary>
    private DateTimeOffset PreviousWake(DateTimeOffset end) =>
        end - (wakes.GetNextOccurrence(end) is { } next ? next - end : TimeSpan.FromMinutes(1));
}
