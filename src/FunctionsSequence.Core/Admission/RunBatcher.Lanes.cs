using FunctionsSequence.Core.Durable;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Admission;

/// <summary>The batcher's queue per target, and an event waiting in it.</summary>
public sealed partial class RunBatcher
{
    /// <summary>A target's queue of events waiting to join a run, and when it is next looked at.</summary>
    private sealed class Lane(RunTarget target, DurableTaskClient client)
    {
        public Lock Sync { get; } = new();

        public Queue<Waiting> Queue { get; } = new();

        public RunTarget Target { get; } = target;

        public DurableTaskClient Client { get; } = client;

        /// <summary>When the next look at the queue is due (a timestamp of the batcher's clock), if one is armed.</summary>
        public long? CheckDue { get; set; }
    }

    /// <summary>An accepted event waiting for its run; <see cref="Scheduled"/> gives the run's id once it is scheduled.</summary>
    private sealed record Waiting(RunMember Member, long Arrived)
    {
        public TaskCompletionSource<string> Scheduled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
