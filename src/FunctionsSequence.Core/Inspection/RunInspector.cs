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

    /// <summary>The runs <paramref name="filter"/> selects, newest first.</summary>
    public async Task<IReadOnlyList<RunSummary>> ListAsync(RunFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var runs = new List<RunSummary>();
        await foreach (RunDetail run in ReadAsync(Query(filter.Status, filter.Sequence is null ? null : "seq"), cancellationToken))
        {
            if (filter.Sequence is null || (run.Run.Kind == "Sequence" && run.Run.Target == filter.Sequence))
            {
                runs.Add(run.Run);
            }
        }

        var newest = runs.OrderByDescending(r => r.Created).ThenBy(r => r.Id, StringComparer.Ordinal).Take(Math.Clamp(filter.Limit, 1, RunFilter.MaxLimit));
        var listed = new List<RunSummary>();
        foreach (RunSummary run in newest)
        {
            listed.Add(await WithFailureAsync(run, cancellationToken));
        }

        return listed;
    }

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
    private async Task<RunSummary> WithFailureAsync(RunSummary run, CancellationToken cancellationToken)
    {
        if (run.Status != "failed" || run.Failure is not null)
        {
            return run;
        }

        OrchestrationMetadata? instance = await client.GetInstanceAsync(run.Id, getInputsAndOutputs: false, cancellationToken);
        return run with { Failure = instance?.FailureDetails?.ErrorMessage };
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
