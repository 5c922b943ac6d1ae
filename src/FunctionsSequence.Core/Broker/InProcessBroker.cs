using CloudNative.CloudEvents;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Broker;

/// <summary>
/// A Broker routed in-process: each Trigger whose filter matches (on the event as its subscriber sees it,
/// <see cref="TriggerEvent"/>) gets a durable delivery, so a slow or failing subscriber holds up no other.
/// </summary>
public sealed partial class InProcessBroker(ManifestSet manifests, TriggerAdmission triggers, ILogger<InProcessBroker> logger) : IBrokerPublisher
{
    /// <inheritdoc />
    public async Task PublishAsync(DurableTaskClient client, string broker, IReadOnlyList<CloudEvent> events, EventOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        int[] matched = new int[events.Count];
        var deliveries = new List<Task>();
        TriggerEvent[]? taken = null; // made once, for the first Trigger
        foreach (TriggerResource trigger in manifests.TriggersOf(broker))
        {
            taken ??= [.. events.Select(TriggerEvent.Of)];
            var matching = new List<TriggerEvent>();
            for (int i = 0; i < events.Count; i++)
            {
                if (taken[i].Passes(trigger, logger))
                {
                    matching.Add(taken[i]);
                    matched[i]++;
                }
            }

            if (matching.Count > 0)
            {
                // Side by side: a busy Trigger must not hold up the others' deliveries.
                deliveries.Add(triggers.AdmitAsync(client, trigger, matching, origin, cancellationToken));
            }
        }

        await Task.WhenAll(deliveries);
        for (int i = 0; i < events.Count; i++)
        {
            LogRouted(logger, broker, events[i].Id, events[i].Type, matched[i]);
        }
    }

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Broker {Broker}: event {EventId} ({Type}) matched {Count} trigger(s)")]
    private static partial void LogRouted(ILogger logger, string broker, string? eventId, string? type, int count);
}
