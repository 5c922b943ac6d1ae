using FunctionsSequence.Core.Api;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Durable;

/// <summary>
/// Schedules runs under the id of the events admitted together (<see cref="RunId"/>: a lone event's own
/// event-derived id, several events' one derived from theirs), those left out as duplicates included. A run whose
/// id exists already is a duplicate, accepted before.
/// </summary>
public sealed partial class OrchestrationStarter(IFlowObserver observer, ILogger<OrchestrationStarter> logger)
{
    /// <summary>The id of the run <paramref name="members"/> are admitted to together (in this order).</summary>
    public static string RunId(RunTarget target, IReadOnlyList<RunMember> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        return members.Count == 1 ? members[0].Id : InstanceIds.ForShared(target, members.Select(m => m.Id));
    }

    /// <summary>
    /// Schedules one run of <paramref name="target"/> carrying <paramref name="members"/> as <paramref name="instanceId"/>;
    /// returns its id, and false when it existed already.
    /// </summary>
    /// <param name="client">The Durable Task client.</param>
    /// <param name="target">The Sequence or Trigger.</param>
    /// <param name="instanceId">
    /// The run's id: <see cref="RunId"/> of the events admitted together, those left out as duplicates included,
    /// as their claims name it.
    /// </param>
    /// <param name="members">The events, at least one.</param>
    /// <param name="slotOf">The target whose in-flight slot the run takes, or null.</param>
    /// <param name="cancellationToken">Cancels scheduling.</param>
    /// <param name="resumeAt">For a redrive: the hop the events start at instead of the flow's start.</param>
    public async Task<(string InstanceId, bool Started)> StartAsync(
        DurableTaskClient client, RunTarget target, string instanceId, IReadOnlyList<RunMember> members, RunTarget? slotOf, CancellationToken cancellationToken, Hop? resumeAt = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentOutOfRangeException.ThrowIfZero(members.Count);
        object input = target.Input([.. members.Select(m => m.Event)], resumeAt);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(target.Orchestrator, input, new StartOrchestrationOptions(instanceId), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Backends report a taken id differently (gRPC status, storage conflict); asking is the portable check.
            OrchestrationMetadata? existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
            if (existing is null)
            {
                throw;
            }

            LogDuplicate(logger, instanceId, existing.RuntimeStatus);
            return (instanceId, false);
        }

        observer.Started(instanceId, members.Count, slotOf);
        return (instanceId, true);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Instance {InstanceId} exists already ({Status}): duplicate event ignored")]
    private static partial void LogDuplicate(ILogger logger, string instanceId, OrchestrationRuntimeStatus status);
}
