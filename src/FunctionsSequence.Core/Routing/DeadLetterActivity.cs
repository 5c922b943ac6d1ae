using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Routing;

/// <summary>
/// <see cref="TaskNames.DeadLetter"/>: sends a failed hop's input event, with Knative's error
/// extensions, to the step's, Trigger's or Broker's dead-letter sink.
/// </summary>
public sealed partial class DeadLetterActivity(ManifestSet manifests, EventRouter router, ILogger<DeadLetterActivity> logger)
{
    /// <summary>Sends <paramref name="input"/>'s event to its sink.</summary>
    public async Task SendAsync(DeadLetterInput input, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        Destination sink = SinkOf(input) ?? throw new InvalidOperationException($"{input.FailedDestination} has no dead-letter sink");
        CloudEvent deadLetter = DeadLetterEvents.Create(input);
        LogDeadLetter(logger, input.FailedDestination, deadLetter.Id, input.Attempts, input.Failure.StatusCode, sink);
        await router.SendAsync(client, sink, [new(deadLetter)], cancellationToken);
    }

    /// <summary>The dead-letter sink that applies to a failed hop, or null.</summary>
    public Destination? SinkOf(DeadLetterInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Sequence is { } name && input.Step is { } step)
        {
            return manifests.RequireSequence(name).Steps[step].Delivery?.DeadLetterSink;
        }

        TriggerResource trigger = manifests.RequireTrigger(input.Trigger!);
        return manifests.DeliveryOf(trigger)?.DeadLetterSink;
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "{Destination} failed for event {EventId} after {Attempts} attempt(s) (last status {Status}): sent to dead-letter sink {Sink}")]
    private static partial void LogDeadLetter(ILogger logger, string destination, string? eventId, int attempts, int status, Destination sink);
}
