using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.History;

namespace FunctionsSequence.Cli.Engine;

/// <summary>
/// An orchestration service as the embedded sidecar needs it. Its dispatchers' concurrency is set
/// here, as the in-memory service fixes it at the processor count and the sidecar's dispatcher
/// sleeps 500 ms whenever it is full. It stops once, however often it is asked: both the
/// sidecar (from a fire-and-forget handler) and the engine stop it, and the Azure Storage service
/// throws when stopped twice, which in that handler would end the process. And with
/// <paramref name="renewActivityLocksEvery"/> it renews the lock of each activity it hands out until the activity
/// completes or is abandoned, or the service stops, as DurableTask.Core's dispatcher does and the sidecar's does not:
/// a step that ran longer than the work-item queue's visibility timeout was dequeued again, and its completion lost
/// with the message's receipt, so that after a restart the step and its reply ran again. It also drops two kinds of
/// message that DurableTask.Core's dispatcher drops and the sidecar's does not (<see cref="DropStale"/>).
/// </summary>
internal sealed partial class SidecarOrchestrationService(
    IOrchestrationService inner, int maxOrchestrations, int maxActivities, TimeSpan? renewActivityLocksEvery = null, ILogger? logger = null)
    : IOrchestrationService
{
    private readonly Lock stopping = new();
    private readonly ConcurrentDictionary<TaskActivityWorkItem, (CancellationTokenSource Stop, Task Renewing)> renewals = new(ReferenceEqualityComparer.Instance);
    private Task? stopped;

    /// <summary>
    /// <paramref name="inner"/> for a sidecar that only answers clients: never started, as no worker
    /// connects, so stopping it (which the sidecar does when its host stops) does nothing; the
    /// storage service stopped before it started throws.
    /// </summary>
    public static SidecarOrchestrationService NeverStarted(IOrchestrationService inner)
    {
        var service = new SidecarOrchestrationService(inner, 1, 1);
        service.stopped = Task.CompletedTask;
        return service;
    }

    /// <summary>
    /// How long a stop waits for the service. The storage backend, with storage out of reach, waits 10 minutes for its
    /// partitions and then throws; past this bound what it holds (leases, locked messages) lapses as after a crash.
    /// </summary>
    public TimeSpan StopBound { get; init; } = TimeSpan.FromSeconds(10);

    public int MaxConcurrentTaskOrchestrationWorkItems => maxOrchestrations;

    public int MaxConcurrentTaskActivityWorkItems => maxActivities;

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public Task StartAsync() => inner.StartAsync();

    public Task StopAsync() => StopAsync(isForced: false);

    /// <summary>Stops the service the first time, for <see cref="StopBound"/> at most; later calls wait for that stop. None throws: the sidecar stops it from a fire-and-forget handler.</summary>
    public Task StopAsync(bool isForced)
    {
        lock (stopping)
        {
            if (stopped is { } first)
            {
                return first.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }

            stopped = StopRenewingAllAsync().ContinueWith(_ => StopInnerAsync(isForced), TaskScheduler.Default).Unwrap();
            return stopped;
        }
    }

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        TaskOrchestrationWorkItem? workItem = await inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
        if (workItem is not null)
        {
            DropStale(workItem);
        }

        return workItem!;
    }

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState) =>
        inner.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        TaskActivityWorkItem? workItem = await inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
        if (workItem is not null && renewActivityLocksEvery is { } every)
        {
            var stop = new CancellationTokenSource();
            renewals[workItem] = (stop, RenewAsync(workItem, every, stop.Token));
        }

        return workItem!;
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        await StopRenewingAsync(workItem);
        await inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
    }

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        await StopRenewingAsync(workItem);
        await inner.AbandonTaskActivityWorkItemAsync(workItem);
    }

    /// <summary>
    /// Drops from <paramref name="workItem"/> two kinds of message that DurableTask.Core's dispatcher drops, as the Functions
    /// host runs it: a start for a run that has started, and a message for another execution of the instance. The storage
    /// backend writes a run's first episode before it deletes the start message that began it, so a process killed between
    /// the two leaves the start to come again. The sidecar would add it to the history, which throws, and the backend put
    /// the batch back, the run's next answer with it, for longer at each try: the run stalls at a step. A dropped message
    /// is deleted with its batch (the in-memory engine, given no logger, never brings one).
    /// </summary>
    private void DropStale(TaskOrchestrationWorkItem workItem)
    {
        OrchestrationRuntimeState state = workItem.OrchestrationRuntimeState;
        bool started = state.ExecutionStartedEvent is not null;
        string? execution = state.OrchestrationInstance?.ExecutionId
            ?? workItem.NewMessages.FirstOrDefault(m => m.Event is ExecutionStartedEvent)?.OrchestrationInstance?.ExecutionId;
        var kept = new List<TaskMessage>(workItem.NewMessages.Count);
        foreach (TaskMessage message in workItem.NewMessages)
        {
            string? why = null;
            if (message.Event is ExecutionStartedEvent)
            {
                why = started ? "the run has started already (its start came again, as after a crash)" : null;
                started = true;
            }
            else if (message.OrchestrationInstance?.ExecutionId is { Length: > 0 } other && other != execution)
            {
                why = $"it is for execution {other}, not {execution ?? "none (the run has not started)"}";
            }

            if (why is null)
            {
                kept.Add(message);
            }
            else if (logger is not null)
            {
                LogStaleMessageDropped(logger, workItem.InstanceId, message.Event.EventType, why);
            }
        }

        if (kept.Count < workItem.NewMessages.Count)
        {
            workItem.NewMessages = kept;
        }
    }

    [LoggerMessage(EventId = 2014, Level = LogLevel.Warning, Message = "Run {Run}: dropped a message of type {Event}, as the Functions host does: {Why}")]
    private static partial void LogStaleMessageDropped(ILogger logger, string run, EventType @event, string why);

    /// <summary>
    /// Renews <paramref name="workItem"/>'s lock every <paramref name="every"/> until stopped, or until the backend says the
    /// lock is gone (a lock time already past). A renewal that fails is logged and tried at the next tick; should the lock
    /// lapse, the activity runs again, as after a crash, which steps bear (at least once).
    /// </summary>
    private async Task RenewAsync(TaskActivityWorkItem workItem, TimeSpan every, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    if ((await inner.RenewTaskActivityWorkItemLockAsync(workItem)).LockedUntilUtc <= DateTime.UtcNow)
                    {
                        return;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    if (logger is not null)
                    {
                        LogRenewalFailed(logger, workItem.Id, ex.Message);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Stops the service, leaving it (logged) when it fails or outlasts <see cref="StopBound"/>.</summary>
    private async Task StopInnerAsync(bool isForced)
    {
        try
        {
            await inner.StopAsync(isForced).WaitAsync(StopBound);
        }
        catch (Exception ex)
        {
            if (logger is not null)
            {
                LogStopLeft(logger, StopBound.TotalSeconds, ex.Message);
            }
        }
    }

    [LoggerMessage(EventId = 2015, Level = LogLevel.Warning, Message = "The engine's storage did not stop within {Seconds} s ({Error}); what it holds lapses as after a crash, and runs go on when fseq starts again")]
    private static partial void LogStopLeft(ILogger logger, double seconds, string error);

    /// <summary>Stops every renewal, for a stop of the service: what is still running is left to its lock, as after a crash.</summary>
    private Task StopRenewingAllAsync() => Task.WhenAll(renewals.Keys.Select(StopRenewingAsync));

    [LoggerMessage(EventId = 2013, Level = LogLevel.Warning, Message = "The lock of activity work item {WorkItem} could not be renewed ({Error}); should it lapse, the step may run again")]
    private static partial void LogRenewalFailed(ILogger logger, string workItem, string error);

    /// <summary>Stops renewing the lock and waits for a renewal under way, so that none lands after the item is completed.</summary>
    private async Task StopRenewingAsync(TaskActivityWorkItem workItem)
    {
        if (renewals.TryRemove(workItem, out var renewal))
        {
            await renewal.Stop.CancelAsync();
            await renewal.Renewing;
            renewal.Stop.Dispose();
        }
    }
}
