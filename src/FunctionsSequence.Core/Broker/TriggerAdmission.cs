using CloudNative.CloudEvents;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Durable;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Broker;

/// <summary>Starts the durable deliveries of a Broker's events to a Trigger's subscriber.</summary>
public sealed partial class TriggerAdmission(ManifestSet manifests, RunBatcher batcher, TimeProvider time, ILogger<TriggerAdmission> logger)
{
    /// <summary>
    /// Starts the deliveries of <paramref name="events"/> to <paramref name="trigger"/>'s subscriber: from outside
    /// they queue together and may wait to share a run; from the pipeline they go as one run.
    /// </summary>
    public Task AdmitAsync(DurableTaskClient client, TriggerResource trigger, IReadOnlyList<TriggerEvent> events, EventOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(events);
        RunTarget target = RunTarget.Trigger(trigger.Name);
        RunMember[] members = [.. events.Select(e => RunMember.Of(target, e.Seen, e.Carried()))];
        return origin == EventOrigin.Pipeline
            ? batcher.StartNowAsync(client, target, members, cancellationToken)
            : batcher.AdmitAsync(client, target, members, cancellationToken);
    }

    /// <summary>
    /// Event Grid's delivery of <paramref name="events"/> to Trigger <paramref name="trigger"/>: the
    /// Trigger's filter is checked again (Event Grid's filters are coarser) on the events as its
    /// subscriber sees them, and the matching ones start their deliveries. An event published to the
    /// topic directly, not through the Broker's route, gets its arrival time here. Returns how many matched.
    /// </summary>
    public async Task<int> DeliverAsync(DurableTaskClient client, string trigger, IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken)
    {
        TriggerResource resource = manifests.FindTrigger(trigger) ?? throw new KeyNotFoundException($"Trigger '{trigger}' does not exist");
        DateTimeOffset now = time.GetUtcNow();
        foreach (CloudEvent cloudEvent in events)
        {
            BrokerArrival.StampIfMissing(cloudEvent, now);
        }

        var matching = new List<TriggerEvent>(events.Count);
        foreach (TriggerEvent delivered in events.Select(TriggerEvent.Of))
        {
            if (delivered.Passes(resource, logger))
            {
                matching.Add(delivered);
            }
            else
            {
                // As the in-process Broker says an event matched no Trigger, at Debug: a filter Event Grid cannot express (cesql) sends it every event.
                LogNotPassed(logger, trigger, delivered.Seen.Id, delivered.Seen.Type);
            }
        }

        if (matching.Count > 0)
        {
            await AdmitAsync(client, resource, matching, EventOrigin.Outside, cancellationToken);
        }

        return matching.Count;
    }

    [LoggerMessage(EventId = 1204, Level = LogLevel.Debug, Message = "Trigger {Trigger}: event {EventId} ({Type}) from Event Grid does not pass its filter")]
    private static partial void LogNotPassed(ILogger logger, string trigger, string? eventId, string? type);
}
