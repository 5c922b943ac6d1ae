using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Sequences;

/// <summary>
/// Starts Sequence runs, grouping events when the engine is busy. Each orchestration costs the
/// engine a fixed number of checkpoints whatever it carries, so under load several events share
/// one run (<see cref="TaskNames.SequenceBatchOrchestrator"/>): a lone event starts at once as its
/// own <see cref="TaskNames.SequenceOrchestrator"/> run, exactly as without batching; events
/// arriving while <see cref="BatchingOptions.MaxInFlight"/> runs of that Sequence are busy queue
/// here and start together as soon as one ends. A caller is answered once its event's run is
/// scheduled (durably, with a persistent store), so an event is never accepted and then lost.
/// </summary>
public sealed partial class SequenceBatcher
{
    // Recently accepted events, so a client's retry of one that went into a batch is still
    // recognised (a lone event's run id is the event's own, which the engine checks itself).
    private const int RecentCapacity = 20_000;
    private readonly SequenceBatchGate gate;
    private readonly OrchestrationStarter starter;
    private readonly ILogger<SequenceBatcher> logger;
    private readonly Dictionary<string, Lane> lanes = new(StringComparer.Ordinal);
    private readonly Lock recentSync = new();
    private readonly HashSet<string> recent = new(StringComparer.Ordinal);
    private readonly Queue<string> recentOrder = new();
    private int queued;

    /// <summary>Creates the batcher over <paramref name="gate"/>.</summary>
    public SequenceBatcher(SequenceBatchGate gate, OrchestrationStarter starter, ILogger<SequenceBatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(gate);
        this.gate = gate;
        this.starter = starter;
        this.logger = logger;
        gate.Freed += sequence =>
        {
            if (FindLane(sequence) is { } lane)
            {
                Pump(lane);
            }
        };
    }

    /// <summary>Events waiting to join a run.</summary>
    public int Queued => Volatile.Read(ref queued);

    /// <summary>Starts a run for <paramref name="cloudEvent"/>, alone or with others; returns its instance id once scheduled.</summary>
    public async Task<string> EnqueueAsync(DurableTaskClient client, string sequence, CloudEvent cloudEvent, int? brokerTtl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(cloudEvent);
        string memberId = InstanceIds.ForSequence(sequence, cloudEvent, brokerTtl);
        if (gate.Options.MaxEvents == 1)
        {
            return await starter.StartAsync(client, TaskNames.SequenceOrchestrator, new SequenceInput(sequence, CloudEventJson.Encode(cloudEvent), brokerTtl), memberId, cancellationToken);
        }

        if (!Remember(memberId))
        {
            LogDuplicate(logger, sequence, cloudEvent.Id, cloudEvent.Source);
            return memberId;
        }

        var waiting = new Waiting(new BatchedEvent(CloudEventJson.Encode(cloudEvent), brokerTtl), memberId);
        Lane lane;
        lock (lanes)
        {
            if (!lanes.TryGetValue(sequence, out lane!))
            {
                lane = new Lane(sequence, client);
                lanes.Add(sequence, lane);
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

    /// <summary>
    /// Starts one run for a fixed set of events at once (an activity's outputs), with an id
    /// derived from them, so an activity that runs again starts the same instance.
    /// </summary>
    public async Task<string> StartNowAsync(DurableTaskClient client, string sequence, IReadOnlyList<(CloudEvent Event, int? BrokerTtl)> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        string[] members = [.. events.Select(e => InstanceIds.ForSequence(sequence, e.Event, e.BrokerTtl))];
        BatchedEvent[] items = [.. events.Select(e => new BatchedEvent(CloudEventJson.Encode(e.Event), e.BrokerTtl))];
        (string id, string orchestrator, object input) = Run(sequence, members, items);
        await starter.TryStartAsync(client, orchestrator, input, id, items.Length, cancellationToken);
        return id;
    }

    private static (string Id, string Orchestrator, object Input) Run(string sequence, string[] members, BatchedEvent[] items) =>
        items.Length == 1
            ? (members[0], TaskNames.SequenceOrchestrator, new SequenceInput(sequence, items[0].Event, items[0].BrokerTtl))
            : (InstanceIds.ForBatch(sequence, members), TaskNames.SequenceBatchOrchestrator, new SequenceBatchInput(sequence, items));

    private Lane? FindLane(string sequence)
    {
        lock (lanes)
        {
            return lanes.GetValueOrDefault(sequence);
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

                if (!gate.TryEnter(lane.Sequence))
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
        (string id, string orchestrator, object input) = Run(lane.Sequence, [.. batch.Select(w => w.MemberId)], [.. batch.Select(w => w.Item)]);
        try
        {
            bool started = await starter.TryStartAsync(lane.Client, orchestrator, input, id, batch.Count, CancellationToken.None);
            if (started)
            {
                if (batch.Count > 1)
                {
                    LogBatch(logger, lane.Sequence, batch.Count, id);
                }

                gate.Entered(lane.Sequence, id);
            }
            else
            {
                gate.Abandon(lane.Sequence);
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

            gate.Abandon(lane.Sequence);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Sequence {Sequence}: {Count} events that arrived while it was busy share run {InstanceId}")]
    private static partial void LogBatch(ILogger logger, string sequence, int count, string instanceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sequence {Sequence}: event {EventId} from {Source} was accepted already; duplicate ignored")]
    private static partial void LogDuplicate(ILogger logger, string sequence, string? eventId, Uri? source);

    private sealed class Lane(string sequence, DurableTaskClient client)
    {
        public Lock Sync { get; } = new();

        public Queue<Waiting> Queue { get; } = new();

        public string Sequence { get; } = sequence;

        public DurableTaskClient Client { get; } = client;

        public bool LeaseCheckArmed { get; set; }
    }

    private sealed record Waiting(BatchedEvent Item, string MemberId)
    {
        public TaskCompletionSource<string> Scheduled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
