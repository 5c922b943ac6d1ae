using FunctionsSequence.Core.Inspection;
using FunctionsSequence.Core.Topology;

namespace FunctionsSequence.Core.Dashboard;

/// <summary>Builds the <see cref="DashboardOverview"/> from a task hub through <see cref="RunInspector"/>.</summary>
public static class DashboardOverviewReader
{
    /// <summary>How many of the newest runs the counts are over: enough for a picture, few enough for a poll.</summary>
    public const int Counted = RunFilter.MaxLimit;

    /// <summary>How many runs (and dead letters) each list shows.</summary>
    public const int Shown = 15;

    /// <summary>The overview of <paramref name="graph"/>'s runs.</summary>
    public static async Task<DashboardOverview> ReadAsync(RunInspector inspector, TopologyGraph graph, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inspector);
        IReadOnlyList<RunDetail> runs = await inspector.RecentAsync(Counted, cancellationToken);
        var failed = new List<RunDetail>();
        foreach (RunDetail run in runs.Where(r => r.Run.Status == "failed").Take(Shown))
        {
            failed.Add(run with { Run = await inspector.WithFailureAsync(run.Run, cancellationToken) });
        }

        var letters = runs
            .SelectMany(r => r.Events.SelectMany(e => e.Hops
                .Where(h => h.Result == RunReader.DeadLetteredResult)
                .Select(h => new DeadLetter(r.Run.Id, $"{r.Run.Kind}/{r.Run.Target}", e.Id, h.Hop, h.DeadLetterSink, h.Last, h.Error))))
            .OrderByDescending(d => d.At)
            .Take(Shown)
            .ToList();
        return new DashboardOverview(runs.Count, NodeCounter.Count(graph, runs), [.. runs.Take(Shown)], failed, letters);
    }
}
