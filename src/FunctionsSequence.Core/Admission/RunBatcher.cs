using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Ledgers;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Admission;

/// <summary>
/// Starts the runs of Sequences and Triggers, grouping events when the engine is busy. Each
/// orchestration costs the engine a fixed number of checkpoints whatever it carries, so under load
/// several events share one run. An event from outside (<see cref="AdmitAsync"/>: ingress, Event
/// Grid's deliveries, the events of one request together) starts at once as its own run while fewer than
/// <see cref="BatchingOptions.MaxInFlight"/> runs of its target are in flight; otherwise it waits
/// here and starts with the others that arrived meanwhile as soon as one ends. With a
/// <see cref="BatchingOptions.MaxWait"/>, a run starts only when its oldest event has waited that long
/// or the target's last run started that long ago (a lone event after a quiet spell starts at once),
/// or when it is full. Its caller is
/// answered once its run is scheduled (durably, with a persistent store), so an event is never
/// accepted and then lost. Events from inside the pipeline (<see cref="StartNowAsync"/>: an
/// activity's outputs) start at once as one run whose id is derived from them, so a rerun of the
/// activity starts nothing twice and an activity never waits for a slot. Once the host stops, what waits starts at
/// once, beyond the bound and without gathering: the runs in flight stop with the host and free no slot, and the
/// waiting requests would be held until the host gave up on them, though their runs, scheduled, go on after the restart.
/// </summary>
public sealed partial class RunBatcher
{
    private readonly InFlightRuns inFlight;
    private readonly BatchingOptions options;
    private readonly RunAdmission admission;
    private readonly ManifestSet manifests;
    private readonly ILogger<RunBatcher> logger;
    private readonly TimeProvider time;
    private readonly Dictionary<RunTarget, Lane> lanes = [];
    private readonly CancellationToken stopping;

    // Events accepted lately, so a client's retry of one that went into a shared run is recognised
    // (a lone event's run has the event's own id, which the engine checks itself); for no longer than
    // the ledger recognises it, so that after the window it runs again here as on any other instance.
    private readonly RecentKeys accepted;

    // Events accepted and not yet scheduled, so a retry of one is answered with the original's fate,
    // never with a 202 for an event whose scheduling may still fail.
    private readonly Dictionary<string, Waiting> pending = new(StringComparer.Ordinal);
    private int queued;

    /// <summary>
    /// Creates the batcher; it starts queued runs when <paramref name="inFlight"/> frees a slot, and all of them once
    /// <paramref name="lifetime"/> stops; it logs its targets as <paramref name="manifests"/> name them.
    /// </summary>
    public RunBatcher(
        InFlightRuns inFlight, BatchingOptions options, RunAdmission admission, ManifestSet manifests, ILogger<RunBatcher> logger, TimeProvider? time = null, IHostApplicationLifetime? lifetime = null)
    {
        this.time = time ?? TimeProvider.System;
        this.manifests = manifests ?? throw new ArgumentNullException(nameof(manifests));
        this.inFlight = inFlight ?? throw new ArgumentNullException(nameof(inFlight));
        this.options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        this.admission = admission ?? throw new ArgumentNullException(nameof(admission));
        accepted = new RecentKeys(20_000, admission.Retention, this.time);
        this.logger = logger;
        // A slot is freed as an orchestration ends, on the engine's thread for that orchestration: the
        // next run is started from the thread pool, so none of its work runs there.
        inFlight.Freed += target =>
        {
            if (FindLane(target) is { } lane)
            {
                PumpLater(lane);
            }
        };
        stopping = lifetime?.ApplicationStopping ?? CancellationToken.None;
        stopping.UnsafeRegister(static state => ((RunBatcher)state!).PumpAll(), this);
    }

    /// <summary>
    /// Events waiting to join a run, or in a run being started: counted here until the start returns,
    /// by when the runs in flight count them, so back-pressure never misses them in between.
    /// </summary>
    public int Queued => Volatile.Read(ref queued);

    /// <summary>Events accepted and neither scheduled nor failed yet; a view for tests, which check that no run leaves one behind.</summary>
    internal int Pending
    {
        get
        {
            lock (pending)
            {
                return pending.Count;
            }
        }
    }

    /// <summary>
    /// Events from outside into <paramref name="target"/> (one request's, or one Event Grid
    /// delivery's): they queue together, so while slots are free they start as one run, and when the
    /// target is busy they wait to share the next; returns the id of each one's run, in order, once
    /// every one is scheduled. A repeat of an event already accepted gets the original's run.
    /// </summary>
    public async Task<string[]> AdmitAsync(DurableTaskClient client, RunTarget target, IReadOnlyList<RunMember> members, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(members);
        if (options.MaxEvents == 1)
        {
            Interlocked.Add(ref queued, members.Count);
            try
            {
                return await Task.WhenAll(members.Select(async m => (await admission.StartAsync(client, target, [m], slotOf: null, cancellationToken)).RunOf[0]));
            }
            finally
            {
                Interlocked.Add(ref queued, -members.Count);
            }
        }

        var runs = new Task<string>[members.Count];
        var queuing = new List<Waiting>(members.Count);
        List<RunMember>? repeats = null;
        long arrived = time.GetTimestamp();
        long[] weights = [.. members.Select(m => m.Event.Event.PayloadBytes)]; // weighed before the lock: a scan of each event
        lock (pending)
        {
            for (int i = 0; i < members.Count; i++)
            {
                RunMember member = members[i];
                if (pending.TryGetValue(member.Id, out Waiting? original) || !accepted.Add(member.Id))
                {
                    (repeats ??= []).Add(member);
                    runs[i] = original is null ? Task.FromResult(member.Id) : original.Scheduled.Task;
                    continue;
                }

                var waiting = new Waiting(member, arrived, weights[i]);
                pending.Add(member.Id, waiting);
                queuing.Add(waiting);
                runs[i] = waiting.Scheduled.Task;
            }
        }

        foreach (RunMember repeat in repeats ?? [])
        {
            AdmissionLog.AcceptedAlready(logger, manifests, target, repeat);
        }

        if (queuing.Count > 0)
        {
            Lane lane;
            lock (lanes)
            {
                if (!lanes.TryGetValue(target, out lane!))
                {
                    lane = new Lane(target, client);
                    lanes.Add(target, lane);
                }
            }

            lock (lane.Sync)
            {
                // Counted before they can be taken: a start on another thread subtracts them when it returns.
                Interlocked.Add(ref queued, queuing.Count);
                foreach (Waiting waiting in queuing)
                {
                    lane.Queue.Enqueue(waiting);
                }
            }

            Pump(lane);
        }

        return await Task.WhenAll(runs).WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Events from inside the pipeline into <paramref name="target"/>: one run, at once, or one per part of them when they weigh
    /// more than a run starts with (<see cref="RunPayload"/>); returns the run of the first.
    /// </summary>
    public async Task<string> StartNowAsync(DurableTaskClient client, RunTarget target, IReadOnlyList<RunMember> members, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(members);
        IReadOnlyList<Range> parts = RunPayload.Parts([.. members.Select(m => m.Event)]);
        AdmissionResult[] started = await Task.WhenAll(parts.Select(part => admission.StartAsync(client, target, RunPayload.Slice(members, part), slotOf: null, cancellationToken)));
        return started[0].RunOf[0];
    }

    private Lane? FindLane(RunTarget target)
    {
        lock (lanes)
        {
            return lanes.GetValueOrDefault(target);
        }
    }

    /// <summary>
    /// Starts runs from the lane's queue while slots are free and its events have gathered (<see cref="Gathering"/>); once the
    /// host stops, all of them at once.
    /// </summary>
    private void Pump(Lane lane)
    {
        while (true)
        {
            List<Waiting> run;
            (long? Previous, long Taken) start;
            lock (lane.Sync)
            {
                if (lane.Queue.Count == 0)
                {
                    return;
                }

                bool stopped = stopping.IsCancellationRequested;
                TimeSpan gathering = stopped ? TimeSpan.Zero : Gathering(lane);
                if (gathering > TimeSpan.Zero && lane.Queue.Count < options.MaxEvents)
                {
                    ArmCheck(lane, gathering);
                    return;
                }

                if (!inFlight.TryTakeSlot(lane.Target, beyondBound: stopped))
                {
                    // A lease can only run out while nobody calls: look again then, so queued events never wait for a new arrival.
                    ArmCheck(lane, options.Lease / 4);
                    return;
                }

                start = (lane.LastStart, time.GetTimestamp());
                lane.LastStart = start.Taken;
                run = new List<Waiting>(Math.Min(lane.Queue.Count, options.MaxEvents));
                long weight = 0;
                while (run.Count < options.MaxEvents && lane.Queue.TryPeek(out Waiting? next)
                    && (run.Count == 0 || weight + next.Weight <= RunPayload.MaxBytes))
                {
                    run.Add(lane.Queue.Dequeue());
                    weight += next.Weight;
                }
            }

            _ = StartAsync(lane, run, start);
        }
    }

    /// <summary>Starts <paramref name="run"/>; if it starts nothing, the lane's last start goes back to <paramref name="start"/>'s previous one.</summary>
    private async Task StartAsync(Lane lane, List<Waiting> run, (long? Previous, long Taken) start)
    {
        try
        {
            AdmissionResult result;
            try
            {
                result = await admission.StartAsync(lane.Client, lane.Target, [.. run.Select(w => w.Member)], lane.Target, CancellationToken.None);
            }
            finally
            {
                Interlocked.Add(ref queued, -run.Count); // the runs in flight count them now, or they were not started
            }

            if (result.Started is not { } id)
            {
                inFlight.ReturnSlot(lane.Target);
                Unstarted(lane, start);
            }
            else if (run.Count > 1)
            {
                LogShared(logger, lane.Target, run.Count, id);
            }

            Settle(run);
            for (int i = 0; i < run.Count; i++)
            {
                run[i].Scheduled.TrySetResult(result.RunOf[i]);
            }
        }
        catch (Exception ex)
        {
            // Nothing was accepted: the callers get the error (ingress answers 5xx) and may send again,
            // once the slot is back, so a copy sent at once finds the target as before.
            Settle(run, forget: true);
            inFlight.ReturnSlot(lane.Target);
            Unstarted(lane, start);
            foreach (Waiting waiting in run)
            {
                waiting.Scheduled.TrySetException(ex);
            }
        }
    }

    /// <summary>The run's events are no longer pending; forgotten ones (not scheduled) may be sent again.</summary>
    private void Settle(List<Waiting> run, bool forget = false)
    {
        lock (pending)
        {
            foreach (Waiting waiting in run)
            {
                pending.Remove(waiting.Member.Id);
                if (forget)
                {
                    accepted.Remove(waiting.Member.Id);
                }
            }
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "{Target}: {Count} events share run {InstanceId}")]
    private static partial void LogShared(ILogger logger, RunTarget target, int count, string instanceId);
}
