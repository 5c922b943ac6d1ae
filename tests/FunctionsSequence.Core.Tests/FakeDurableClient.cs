using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Tests;

/// <summary>A Durable Task client that records what is scheduled; it can hold, fail, or refuse a schedule as a taken id.</summary>
internal sealed class FakeDurableClient() : DurableTaskClient("fake")
{
    private readonly Lock sync = new();
    private readonly List<(string Name, object? Input, string Id)> scheduled = [];
    private readonly HashSet<string> existing = new(StringComparer.Ordinal);
    private int scheduleCalls;

    /// <summary>When set, every schedule waits for it, or until its token is cancelled, as the SDK's call does.</summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>When set, every schedule throws it.</summary>
    public Exception? Failure { get; set; }

    /// <summary>How many schedules to come throw, as a backend out of reach for a moment does.</summary>
    public int FailuresToCome { get; set; }

    public IReadOnlyList<(string Name, object? Input, string Id)> Scheduled
    {
        get
        {
            lock (sync)
            {
                return [.. scheduled];
            }
        }
    }

    /// <summary>Forgets an instance, as a purge does.</summary>
    public void Forget(string instanceId)
    {
        lock (sync)
        {
            existing.Remove(instanceId);
        }
    }

    /// <summary>How many starts were asked for, those refused as duplicates included.</summary>
    public int ScheduleCalls => Volatile.Read(ref scheduleCalls);

    /// <summary>The managed thread each start was asked for on, in order.</summary>
    public ConcurrentQueue<int> ScheduleThreads { get; } = new();

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        Interlocked.Increment(ref scheduleCalls);
        ScheduleThreads.Enqueue(Environment.CurrentManagedThreadId);
        if (Hold is { } hold)
        {
            await hold.Task.WaitAsync(cancellation);
        }

        if (Failure is { } failure)
        {
            throw failure;
        }

        lock (sync)
        {
            if (FailuresToCome > 0)
            {
                FailuresToCome--;
                throw new InvalidOperationException("the task hub is out of reach");
            }
        }

        string id = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        lock (sync)
        {
            if (!existing.Add(id))
            {
                throw new InvalidOperationException($"instance {id} exists");
            }

            scheduled.Add((orchestratorName.Name, input, id));
        }

        return id;
    }

    /// <summary>Every purge filter asked for.</summary>
    public List<PurgeInstancesFilter> Purges { get; } = [];

    /// <summary>When set, every purge throws it.</summary>
    public Exception? PurgeFailure { get; set; }

    public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellation = default)
    {
        Purges.Add(filter);
        return PurgeFailure is { } failure ? Task.FromException<PurgeResult>(failure) : Task.FromResult(new PurgeResult(3));
    }

    /// <summary>Instances the task hub holds, which queries answer from as a backend does (status and id prefix, pages of the query's size).</summary>
    public List<OrchestrationMetadata> Instances { get; } = [];

    /// <summary>Every query asked.</summary>
    public List<OrchestrationQuery> Queries { get; } = [];

    /// <summary>Thrown by every status read while set (the task hub out of reach).</summary>
    public Exception? ReadFailure { get; set; }

    /// <summary>When set, every status read waits until it is cancelled (a read that gets no answer), and sets it once one waits.</summary>
    public TaskCompletionSource? ReadHangs { get; set; }

    /// <summary>The token the last status read that hung was given.</summary>
    public CancellationToken HungReadToken { get; private set; }

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        if (ReadFailure is { } failure)
        {
            return Task.FromException<OrchestrationMetadata?>(failure);
        }

        if (ReadHangs is { } hangs)
        {
            HungReadToken = cancellation;
            hangs.TrySetResult();
            return Task.Delay(Timeout.Infinite, cancellation).ContinueWith<OrchestrationMetadata?>(
                _ => throw new OperationCanceledException(cancellation), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }

        lock (sync)
        {
            if (Instances.FirstOrDefault(i => i.InstanceId == instanceId) is { } held)
            {
                return Task.FromResult<OrchestrationMetadata?>(held);
            }

            return Task.FromResult(existing.Contains(instanceId)
                ? new OrchestrationMetadata("fake", instanceId) { RuntimeStatus = OrchestrationRuntimeStatus.Running }
                : null);
        }
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        OrchestrationQuery query = filter ?? new OrchestrationQuery();
        Queries.Add(query);
        List<OrchestrationMetadata> matching = [.. Instances
            .Where(i => query.Statuses is null || query.Statuses.Contains(i.RuntimeStatus))
            .Where(i => query.InstanceIdPrefix is null || i.InstanceId.StartsWith(query.InstanceIdPrefix, StringComparison.Ordinal))];
        return Pageable.Create((string? token, int? size, CancellationToken _) =>
        {
            int from = token is null ? 0 : int.Parse(token, CultureInfo.InvariantCulture);
            int take = size ?? query.PageSize;
            string? next = from + take < matching.Count ? (from + take).ToString(CultureInfo.InvariantCulture) : null;
            return Task.FromResult(new Page<OrchestrationMetadata>([.. matching.Skip(from).Take(take)], next));
        });
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
