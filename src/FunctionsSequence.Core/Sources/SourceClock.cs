using FunctionsSequence.Core.Api;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Sources;

/// <summary>
/// Fires every PingSource/CronJobSource from one timer that wakes on its own schedule (in Azure,
/// the <c>SourceTickSchedule</c> timer): each wake fires each source's ticks between where the last one left
/// off for it (<see cref="ISourceCursor"/>) and this wake's due time. The window ends at the due time, not
/// the clock, so a timer that fires a little early leaves no tick at the boundary for later; the
/// cursor, not the timer's own schedule status (which short schedules lack), says where to start,
/// so each tick is fired once, and after a restart the missed ones are fired. A tick fired twice
/// anyway (a crash before the cursor moved) has the same event id, which admission recognises.
/// </summary>
/// <param name="manifests">The sources.</param>
/// <param name="firer">What sends a tick's event.</param>
/// <param name="cursor">Where the last wake left off.</param>
/// <param name="wakes">The timer's own schedule, for the due time of its wakes (<see cref="DueTime"/>).</param>
/// <param name="time">The clock.</param>
/// <param name="budget">
/// How long a wake may send for, where a host cuts its call off (the Functions app, at <c>functionTimeout</c>): what is not
/// sent by then is given up and the cursor moves on, where a cut call would leave it and the next wake send the window
/// again. Null: no bound (fseq).
/// </param>
public sealed class SourceClock(ManifestSet manifests, SourceFirer firer, ISourceCursor cursor, CronSchedule wakes, TimeProvider time, TimeSpan? budget = null)
{
    // How far a timer may fire before or after its due time and still count as that wake.
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(2);

    private static readonly IReadOnlyDictionary<string, DateTimeOffset> NoEnds = new Dictionary<string, DateTimeOffset>();

    // The cursor's key for each source: the source attribute of its events, which also names its ticks' event ids.
    private IReadOnlyCollection<string> SourceNames { get; } = [.. manifests.Sources.Select(source => source.EventSource).Distinct()];

    /// <summary>Fires the ticks due since the last wake, this wake being a timer's (<see cref="DueTime"/>); returns how many.</summary>
    public Task<int> FireDueAsync(DurableTaskClient client, CancellationToken cancellationToken) =>
        FireDueAsync(client, DueTime(time.GetUtcNow()), cancellationToken);

    /// <summary>Fires the ticks due since the last wake up to <paramref name="end"/>, a wake at a source's own tick (fseq's); returns how many.</summary>
    public async Task<int> FireDueAsync(DurableTaskClient client, DateTimeOffset end, CancellationToken cancellationToken)
    {
        // The budget runs from the wake's start, as the host's functionTimeout runs from the call's.
        using CancellationTokenSource? outOfTime = budget is { } within ? new CancellationTokenSource(within, time) : null;
        if (SourceNames.Count == 0)
        {
            await cursor.SetAsync(NoEnds, cancellationToken); // forgets earlier manifests' sources, so one declared again starts afresh
            return 0;
        }

        IReadOnlyDictionary<string, DateTimeOffset> kept = await cursor.GetAsync(SourceNames, cancellationToken);

        // A source the cursor has not seen (a first run, or one declared since the last wake) starts a wake period back, as
        // a new PingSource fires from when it is created, not from where the others are.
        DateTimeOffset fresh = PreviousWake(end);
        Dictionary<string, DateTimeOffset> starts = SourceNames.ToDictionary(source => source, source => kept.GetValueOrDefault(source, fresh));
        if (starts.Values.All(start => end <= start) && kept.Count == starts.Count)
        {
            return 0;
        }

        // Each source's ticks in order, the sources side by side, as Knative's adapter runs each source's schedule apart:
        // within a wake, a sink slow to answer holds up no other source. The cursor moves once all are sent, so the next
        // wake waits for them (a sink that takes all its tries holds up the others' later ticks, which keep their times).
        IReadOnlyList<(PingSourceResource Source, DateTimeOffset Tick)> due = [.. manifests.Sources.SelectMany(source => SourceTicks.Due([source], starts[source.EventSource], end))];
        await Task.WhenAll(due.GroupBy(d => d.Source).Select(async ticks =>
        {
            foreach ((PingSourceResource source, DateTimeOffset tick) in ticks)
            {
                await firer.FireAsync(client, source, tick, cancellationToken, outOfTime?.Token ?? CancellationToken.None);
            }
        }));

        await cursor.SetAsync(starts.ToDictionary(s => s.Key, s => s.Value > end ? s.Value : end), cancellationToken);
        return due.Count;
    }

    /// <summary>
    /// Where a clock that wakes at its sources' own ticks (fseq) starts: each source from the cursor kept before, if any (a
    /// task hub on storage), whose missed ticks its caller fires at once, as the Functions app's first wake does; else from
    /// now, so that no tick from before the start fires. The sources of earlier manifests are forgotten, so one declared
    /// again later starts afresh. True when a cursor was kept for any source.
    /// </summary>
    public async Task<bool> StartAsync(CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, DateTimeOffset> kept = await cursor.GetAsync(SourceNames, cancellationToken);
        DateTimeOffset now = time.GetUtcNow();
        await cursor.SetAsync(SourceNames.ToDictionary(source => source, source => kept.GetValueOrDefault(source, now)), cancellationToken);
        return kept.Count > 0;
    }

    /// <summary>This wake's due time: its occurrence of the schedule when the timer fired near it, else the clock.</summary>
    public DateTimeOffset DueTime(DateTimeOffset now) =>
        wakes.GetNextOccurrence(now - Tolerance) is { } due && due <= now + Tolerance ? due : now;

    /// <summary>Where a first run (no cursor yet) starts: one wake period before <paramref name="end"/>.</summary>
    private DateTimeOffset PreviousWake(DateTimeOffset end) =>
        end - (wakes.GetNextOccurrence(end) is { } next ? next - end : TimeSpan.FromMinutes(1));
}
