using FunctionsSequence.Core.Durable;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Inspection;

/// <summary>
/// Answers "which runs, and where is this event" from a task hub, through the Durable Task client
/// of whichever host or store is asked: fseq's engine, Azurite, an Azure deployment's storage.
/// </summary>
/// <param name="client">The task hub's client.</param>
public sealed class RunInspector(DurableTaskClient client)
{
    /// <summary>How many runs one query reads per page.</summary>
    private const int PageSize = 200;

    // For the dashboard, which asks every poll, the newest runs are looked for among those created
    // in the last hour, then the last day, then all: a task hub on storage keeps a day of runs.
    private static readonly TimeSpan?[] RecentWindows = [TimeSpan.FromHours(1), TimeSpan.FromDays(1), null];
    private static readonly TimeSpan?[] AllRuns = [null];

    /// <summary>The runs <paramref name="filter"/> selects, newest first.</summary>
    public async Task<IReadOnlyList<RunSummary>> ListAsync(RunFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        IReadOnlyList<RunDetail> runs = await NewestAsync(
            Query(filter.Status, filter.Target?.Prefix),
            run => filter.Selects(run.Run),
            filter.Limit,
            withFailures: true,
            AllRuns,
            cancellationToken);
        return [.. runs.Select(r => r.Run)];
    }

    /// <summary>
    /// The newest <paramref name="limit"/> runs with every event's path, newest first (what the
    /// dashboard counts and shows); a failed run's failure may be missing (<see cref="WithFailureAsync"/>).
    /// </summary>
    public Task<IReadOnlyList<RunDetail>> RecentAsync(int limit, CancellationToken cancellationToken = default)
        => NewestAsync(Query(null, null), _ => true, limit, withFailures: false, RecentWindows, cancellationToken);

    /// <summary>The run <paramref name="instanceId"/> with every event's path, or null when there is no such run.</summary>
    public async Task<RunDetail?> GetAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        OrchestrationMetadata? instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        return instance is not null && RunReader.IsRun(instance) ? RunReader.Read(instance) : null;
    }

    /// <summary>
    /// Every run that carried an event with CloudEvent id <paramref name="eventId"/> (a source may
    /// reuse another's id: each run shows the source), oldest first, each cut to those events; or
    /// the run whose instance id it is. Reads every run the task hub keeps.
    /// </summary>
    public async Task<EventReport> FindEventAsync(string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        var runs = new List<RunDetail>();
        await foreach (RunDetail run in ReadAsync(Query(null, null), cancellationToken))
        {
            if (run.Run.Id == eventId)
            {
                runs.Add(run);
            }
            else if (run.Events.Where(e => e.Id == eventId).ToList() is { Count: > 0 } events)
            {
                runs.Add(run with { Events = events });
            }
        }

        var ordered = new List<RunDetail>(runs.Count);
        foreach (RunDetail run in runs.OrderBy(r => r.Run.Created).ThenBy(r => r.Run.Id, StringComparer.Ordinal))
        {
            ordered.Add(run with { Run = await WithFailureAsync(run.Run, cancellationToken) });
        }

        return new EventReport(eventId, ordered);
    }

    /// <summary>A failed run with why it failed: the backends answer a query without failure details, so they are asked for the run itself.</summary>
    public async Task<RunSummary> WithFailureAsync(RunSummary run, CancellationToken cancellationToken)
    {
        if (run.Status != "failed" || run.Failure is not null)
        {
            return run;
        }

        OrchestrationMetadata? instance = await client.GetInstanceAsync(run.Id, getInputsAndOutputs: false, cancellationToken);
        return run with { Failure = FailureText.Of(instance) };
    }

    private async Task<IReadOnlyList<RunDetail>> NewestAsync(OrchestrationQuery query, Func<RunDetail, bool> keep, int limit, bool withFailures, TimeSpan?[] windows, CancellationToken cancellationToken)
    {
        int wanted = Math.Clamp(limit, 1, RunFilter.MaxLimit);
        var runs = new List<RunDetail>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        DateTimeOffset? newerRead = null;
        foreach (TimeSpan? window in windows)
        {
            // Each window reads only what the ones before it did not (a run created on a boundary may
            // come twice); every run of a window is newer than any outside it, so once enough are
            // found they are the newest.
            DateTimeOffset? from = window is { } span ? now - span : null;
            await foreach (RunDetail run in ReadAsync(query with { CreatedFrom = from, CreatedTo = newerRead }, cancellationToken))
            {
                if (keep(run) && seen.Add(run.Run.Id))
                {
                    runs.Add(run);
                }
            }

            if (runs.Count >= wanted || from is null)
            {
                break;
            }

            newerRead = from;
        }

        var newest = new List<RunDetail>();
        foreach (RunDetail run in runs.OrderByDescending(r => r.Run.Created).ThenBy(r => r.Run.Id, StringComparer.Ordinal).Take(wanted))
        {
            newest.Add(withFailures ? run with { Run = await WithFailureAsync(run.Run, cancellationToken) } : run);
        }

        return newest;
    }

    private static OrchestrationQuery Query(string? state, string? idPrefix) => new()
    {
        Statuses = RunStates.StatusesOf(state),
        InstanceIdPrefix = idPrefix,
        FetchInputsAndOutputs = true,
        PageSize = PageSize,
    };

    private async IAsyncEnumerable<RunDetail> ReadAsync(OrchestrationQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (OrchestrationMetadata instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (RunReader.IsRun(instance))
            {
                yield return RunReader.Read(instance);
            }
        }
    }
}
