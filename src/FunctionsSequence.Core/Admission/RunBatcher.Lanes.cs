using FunctionsSequence.Core.Durable;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Admission;

/// <summary>The batcher's queue per target, when its events may start, and an event waiting in it.</summary>
public sealed partial class RunBatcher
{
    /// <summary>
    /// How much longer the lane's events gather before a run may start: until the oldest has waited
    /// <see cref="BatchingOptions.MaxWait"/>, or until that long after the lane's last run started,
    /// whichever comes first. So a lone event after a quiet spell starts at once, and at a steady
    /// rate runs start about once per wait. Called under the lane's lock.
    /// </summary>
    private TimeSpan Gathering(Lane lane)
    {
        TimeSpan forOldest = options.MaxWait - time.GetElapsedTime(lane.Queue.Peek().Arrived);
        TimeSpan sinceStart = lane.LastStart is { } started ? options.MaxWait - time.GetElapsedTime(started) : TimeSpan.Zero;
        return forOldest < sinceStart ? forOldest : sinceStart;
    }

    /// <summary>
    /// A run taken at <paramref name="start"/> started nothing (its start failed, or its events had
    /// runs already): the lane's last start goes back to the one before, unless a later run was taken
    /// since, so a retry or the next lone event does not wait for a run that never was.
    /// </summary>
    private static void Unstarted(Lane lane, (long? Previous, long Taken) start)
    {
        lock (lane.Sync)
        {
            if (lane.LastStart == start.Taken)
            {
                lane.LastStart = start.Previous;
            }
        }
    }

    /// <summary>Pumps every lane, from the thread pool: the host has begun to stop.</summary>
    private void PumpAll()
    {
        Lane[] all;
        lock (lanes)
        {
            all = [.. lanes.Values];
        }

        foreach (Lane lane in all)
        {
            PumpLater(lane);
        }
    }

    /// <summary>Pumps the lane from the thread pool, so that none of the starts runs on the caller's thread (an engine's, a token's).</summary>
    private void PumpLater(Lane lane) =>
        ThreadPool.QueueUserWorkItem(static state => state.batcher.Pump(state.lane), (batcher: this, lane), preferLocal: false);

    /// <summary>Pumps the lane again after <paramref name="delay"/>, unless a look no later than that is already due. Called under the lane's lock.</summary>
    private void ArmCheck(Lane lane, TimeSpan delay)
    {
        long due = time.GetTimestamp() + (long)(delay.TotalSeconds * time.TimestampFrequency);
        if (lane.CheckDue is { } armed && armed <= due)
        {
            return;
        }

        lane.CheckDue = due;
        _ = Task.Delay(delay, time).ContinueWith(
            _ =>
            {
                lock (lane.Sync)
                {
                    if (lane.CheckDue == due)
                    {
                        lane.CheckDue = null;
                    }
                }

                Pump(lane);
            },
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default);
    }

    /// <summary>A target's queue of events waiting to join a run, and when it is next looked at.</summary>
    private sealed class Lane(RunTarget target, DurableTaskClient client)
    {
        public Lock Sync { get; } = new();

        public Queue<Waiting> Queue { get; } = new();

        public RunTarget Target { get; } = target;

        public DurableTaskClient Client { get; } = client;

        /// <summary>When the lane's last run was taken from the queue to start (a timestamp of the batcher's clock), if one was.</summary>
        public long? LastStart { get; set; }

        /// <summary>When the next look at the queue is due (a timestamp of the batcher's clock), if one is armed.</summary>
        public long? CheckDue { get; set; }
    }

    /// <summary>
    /// An accepted event waiting for its run; <see cref="Scheduled"/> gives the run's id once it is scheduled. <paramref name="Weight"/>
    /// is what it adds to the run's input (<see cref="RunPayload"/>).
    /// </summary>
    private sealed record Waiting(RunMember Member, long Arrived, long Weight)
    {
        public TaskCompletionSource<string> Scheduled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
