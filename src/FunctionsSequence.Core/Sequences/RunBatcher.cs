using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Sequences;

/// <summary>
/// Starts Sequence runs and Trigger deliveries, grouping events when the engine is busy. Each
/// orchestration costs the engine a fixed number of checkpoints whatever it carries, so under load
/// several events share one run. At the way in (ingress, sources, Event Grid's deliveries) a lone
/// event starts at once as its own run, exactly as without batching; events arriving while
/// <see cref="BatchingOptions.MaxInFlight"/> runs of the same Sequence or Trigger are busy queue
/// here and start together as soon as one ends. A caller is answered once its event's run is
/// scheduled (durably, with a persistent store), so an event is never accepted and then lost.
/// Inside the pipeline, an activity hands its events on as one run at once, with an id derived
/// from them, so a rerun of the activity starts nothing twice and an activity never waits for a slot.
/// </summary>
public sealed partial class RunBatcher
{
    // Recently accepted events, so a client's retry of one that went into a batch is still
    // recognised (a lone event's run id is the event's own, which the engine checks itself).
    private const int RecentCapacity = 20_000;
    private readonly RunGate gate;
    private readonly OrchestrationStarter starter;
    private readonly ILogger<RunBatcher> logger;
    private readonly Dictionary<string, Lane> lanes = new(StringComparer.Ordinal);
    private readonly Lock recentSync = new();
    private readonly HashSet<string> recent = new(StringComparer.Ordinal);
    private readonly Queue<string> recentOrder = new();
    private int queued;

    /// <summary>Creates the batcher over <paramref name="gate"/>.</summary>
    public RunBatcher(RunGate gate, OrchestrationStarter starter, ILogger<RunBatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(gate);
        this.gate = gate;
        this.starter = starter;
        this.logger = logger;
        gate.Freed += key =>
        {
            if (FindLane(key) is { } lane)
            {
                Pump(lane);
            }
        };
    }

    private enum Kind
    {
        Sequence,
        Trigger,
    }

    /// <summary>Events waiting to join a run.</summary>
    public int Queued => Volatile.Read(ref queued);

    /// <summary>Starts a run of <paramref name="sequence"/> for <paramref name="cloudEvent"/>, alone or with others; returns its instance id once scheduled.</summary>
    public Task<string> EnqueueSequenceAsync(DurableTaskClient client, string sequence, CloudEvent cloudEvent, int? brokerTtl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return EnqueueAsync(
            client, Kind.Sequence, sequence, InstanceIds.ForSequence(sequence, cloudEvent, brokerTtl),
            () => new BatchedEvent(CloudEventJson.Encode(cloudEvent), brokerTtl), cloudEvent, cancellationToken);
    }

    /// <summary>
    /// Starts the durable delivery of an event to one Trigger's subscriber, alone or with others.
    /// <paramref name="forSubscriber"/> is the event without its hop counter, encoded once by the
    /// caller (a Broker fanning out to several Triggers shares it); <paramref name="ttl"/> is the counter.
    /// </summary>
    public Task<string> EnqueueTriggerAsync(DurableTaskClient client, string trigger, CloudEvent cloudEvent, string forSubscriber, int ttl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return EnqueueAsync(
            client, Kind.Trigger, trigger, InstanceIds.ForTrigger(trigger, cloudEvent, ttl),
            () => new BatchedEvent(forSubscriber, ttl), cloudEvent, cancellationToken);
    }

    /// <summary>Starts one run of <paramref name="sequence"/> for a fixed set of events (an activity's outputs), at once.</summary>
    public Task<string> StartSequenceNowAsync(DurableTaskClient client, string sequence, IReadOnlyList<(CloudEvent Event, int? BrokerTtl)> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        return StartNowAsync(
            client, Kind.Sequence, sequence,
            [.. events.Select(e => InstanceIds.ForSequence(sequence, e.Event, e.BrokerTtl))],
            [.. events.Select(e => new BatchedEvent(CloudEventJson.Encode(e.Event), e.BrokerTtl))],
            cancellationToken);
    }

    /// <summary>Starts one delivery run of <paramref name="trigger"/> for a fixed set of events (an activity's outputs), at once.</summary>
    public Task<string> StartTriggerNowAsync(DurableTaskClient client, string trigger, IReadOnlyList<(CloudEvent Event, string ForSubscriber, int Ttl)> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        return StartNowAsync(
            client, Kind.Trigger, trigger,
            [.. events.Select(e => InstanceIds.ForTrigger(trigger, e.Event, e.Ttl))],
            [.. events.Select(e => new BatchedEvent(e.ForSubscriber, e.Ttl))],
            cancellationToken);
    }

    private async Task<string> EnqueueAsync(
        DurableTaskClient client, Kind kind, string name, string memberId, Func<BatchedEvent> item, CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (gate.Options.MaxEvents == 1)
        {
            (string id, string orchestrator, object input) = Run(kind, name, [memberId], [item()]);
            await starter.TryStartAsync(client, orchestrator, input, id, 1, cancellationToken);
            return id;
        }

        if (!Remember(memberId))
        {
            LogDuplicate(logger, kind, name, cloudEvent.Id, cloudEvent.Source);
            return memberId;
        }

        var waiting = new Waiting(item(), memberId);
        string key = $"{kind}/{name}";
        Lane lane;
        lock (lanes)
        {
            if (!lanes.TryGetValue(key, out lane!))
            {
                lane = new Lane(key, kind, name, client);
                lanes.Add(key, lane);
            }
        }

        lock (lane.Sync)
        {
            lane.Queue.Enqueue(waiting);
        }

        Interlocked.Increment(ref queued);
        Pump(lane);
        return await waiting.Scheduled.Task.WaitAsync(cancellationToken);
    }

    private async Task<string> StartNowAsync(DurableTaskClient client, Kind kind, string name, string[] members, BatchedEvent[] items, CancellationToken cancellationToken)
    {
        (string id, string orchestrator, object input) = Run(kind, name, members, items);
        await starter.TryStartAsync(client, orchestrator, input, id, items.Length, cancellationToken);
        return id;
    }

    /// <summary>What a group of events becomes: a lone event its own run, as without batching; several a batch run.</summary>
    private static (string Id, string Orchestrator, object Input) Run(Kind kind, string name, string[] members, BatchedEvent[] items) =>
        (kind, items.Length) switch
        {
            (Kind.Sequence, 1) => (members[0], TaskNames.SequenceOrchestrator, new SequenceInput(name, items[0].Event, items[0].BrokerTtl)),
            (Kind.Sequence, _) => (InstanceIds.ForBatch("seqb", name, members), TaskNames.SequenceBatchOrchestrator, new SequenceBatchInput(name, items)),
            (_, 1) => (members[0], TaskNames.TriggerOrchestrator, new TriggerInput(name, items[0].Event, items[0].BrokerTtl ?? 0)),
            _ => (InstanceIds.ForBatch("trgb", name, members), TaskNames.TriggerBatchOrchestrator, new TriggerBatchInput(name, items)),
        };

    private Lane? FindLane(string key)
    {
        lock (lanes)
        {
            return lanes.GetValueOrDefault(key);
        }
    }

    /// <summary>Starts runs from the lane's queue while slots are free.</summary>
    private void Pump(Lane lane)
    {
        while (true)
        {
            List<Waiting> batch;
            lock (lane.Sync)
            {
                if (lane.Queue.Count == 0)
                {
                    return;
                }

                if (!gate.TryEnter(lane.Key))
                {
                    ArmLeaseCheck(lane);
                    return;
                }

                batch = new List<Waiting>(Math.Min(lane.Queue.Count, gate.Options.MaxEvents));
                while (batch.Count < gate.Options.MaxEvents && lane.Queue.TryDequeue(out Waiting? next))
                {
                    batch.Add(next);
                }
            }

            Interlocked.Add(ref queued, -batch.Count);
            _ = StartAsync(lane, batch);
        }
    }

    private async Task StartAsync(Lane lane, List<Waiting> batch)
    {
        (string id, string orchestrator, object input) = Run(lane.Kind, lane.Name, [.. batch.Select(w => w.MemberId)], [.. batch.Select(w => w.Item)]);
        try
        {
            bool started = await starter.TryStartAsync(lane.Client, orchestrator, input, id, batch.Count, CancellationToken.None);
            if (started)
            {
                if (batch.Count > 1)
                {
                    LogBatch(logger, lane.Kind, lane.Name, batch.Count, id);
                }

                gate.Entered(lane.Key, id);
            }
            else
            {
                gate.Abandon(lane.Key);
            }

            foreach (Waiting waiting in batch)
            {
                waiting.Scheduled.TrySetResult(id);
            }
        }
        catch (Exception ex)
        {
            // Nothing was accepted: the callers get the error (ingress answers 5xx) and may send again.
            foreach (Waiting waiting in batch)
            {
                Forget(waiting.MemberId);
                waiting.Scheduled.TrySetException(ex);
            }

            gate.Abandon(lane.Key);
        }
    }

    /// <summary>A lease can only run out while nobody calls: look again then, so queued events never wait for a new arrival.</summary>
    private void ArmLeaseCheck(Lane lane)
    {
        if (lane.LeaseCheckArmed)
        {
            return;
        }

        lane.LeaseCheckArmed = true;
        _ = Task.Delay(gate.Options.Lease / 4).ContinueWith(
            _ =>
            {
                lock (lane.Sync)
                {
                    lane.LeaseCheckArmed = false;
                }

                Pump(lane);
            },
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default);
    }

    private bool Remember(string memberId)
    {
        lock (recentSync)
        {
            if (!recent.Add(memberId))
            {
                return false;
            }

            recentOrder.Enqueue(memberId);
            if (recentOrder.Count > RecentCapacity)
            {
                recent.Remove(recentOrder.Dequeue());
            }

            return true;
        }
    }

    private void Forget(string memberId)
    {
        lock (recentSync)
        {
            recent.Remove(memberId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} {Name}: {Count} events that arrived while it was busy share run {InstanceId}")]
    private static partial void LogBatch(ILogger logger, Kind kind, string name, int count, string instanceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Kind} {Name}: event {EventId} from {Source} was accepted already; duplicate ignored")]
    private static partial void LogDuplicate(ILogger logger, Kind kind, string name, string? eventId, Uri? source);

    private sealed class Lane(string key, Kind kind, string name, DurableTaskClient client)
    {
        public Lock Sync { get; } = new();

        public Queue<Waiting> Queue { get; } = new();

        public string Key { get; } = key;

        public Kind Kind { get; } = kind;

        public string Name { get; } = name;

        public DurableTaskClient Client { get; } = client;

        public bool LeaseCheckArmed { get; set; }
    }

    private sealed record Waiting(BatchedEvent Item, string MemberId)
    {
        public TaskCompletionSource<string> Scheduled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
