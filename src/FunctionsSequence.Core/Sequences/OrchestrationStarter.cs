using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Sequences;

/// <summary>Schedules orchestrations with event-derived ids, treating an existing instance as a duplicate already accepted.</summary>
public sealed partial class OrchestrationStarter(IFlowObserver observer, ILogger<OrchestrationStarter> logger)
{
    /// <summary>Schedules <paramref name="orchestrator"/>; returns the instance id.</summary>
    public async Task<string> StartAsync(DurableTaskClient client, string orchestrator, object input, string instanceId, CancellationToken cancellationToken)
    {
        await TryStartAsync(client, orchestrator, input, instanceId, 1, cancellationToken);
        return instanceId;
    }

    /// <summary>
    /// Schedules <paramref name="orchestrator"/> carrying <paramref name="events"/> events; false
    /// when the instance existed already (a duplicate, accepted before).
    /// </summary>
    public async Task<bool> TryStartAsync(DurableTaskClient client, string orchestrator, object input, string instanceId, int events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId), cancellationToken);
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
            return false;
        }

        observer.Started(instanceId, events);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Instance {InstanceId} exists already ({Status}): duplicate event ignored")]
    private static partial void LogDuplicate(ILogger logger, string instanceId, OrchestrationRuntimeStatus status);
}
