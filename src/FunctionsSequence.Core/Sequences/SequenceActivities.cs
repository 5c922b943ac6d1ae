using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Routing;
using FunctionsSequence.Core.Steps;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Sequences;

/// <summary>
/// The activities of a Sequence run. They run at least once, so each is idempotent: steps are pure
/// or idempotent by contract, and what they start has event-derived ids. A failed attempt is
/// returned as a <see cref="DeliveryResult"/>, for the orchestration to retry by Knative's rules.
/// </summary>
public sealed partial class SequenceActivities(
    ManifestSet manifests,
    ServiceInvoker services,
    EventRouter router,
    DeadLetterActivity deadLetters,
    ILogger<SequenceActivities> logger)
{
    /// <summary><see cref="TaskNames.RunStep"/>: one attempt at step N for each event, side by side; a result per event, in order (its output, or none to end its chain).</summary>
    public Task<DeliveryResult[]> RunStepAsync(StepInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        SequenceStep step = manifests.RequireSequence(input.Sequence).Steps[input.Step];
        return Task.WhenAll(input.Events.Select(e => RunOneAsync(input, step, e, cancellationToken)));
    }

    /// <summary>
    /// <see cref="TaskNames.RunSequence"/>: the whole Sequence for each event of the run in this one
    /// activity, retries waiting in process (<see cref="CheckpointMode.Sequence"/>). Re-run from the
    /// first step if the process dies.
    /// </summary>
    public Task<RunOutcome> RunSequenceAsync(SequenceRun run, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return SequencePipeline.RunAsync(
            manifests.RequireSequence(run.Sequence), run, new InProcessSequenceHops(this, deadLetters, client, logger, cancellationToken));
    }

    /// <summary>
    /// <see cref="TaskNames.DeliverReply"/>: sends a run's last outputs to the Sequence's reply. Into a
    /// Sequence they go as one run with an id derived from them, so a rerun of this activity starts
    /// nothing twice; into a Broker each gets one hop less than the event it came from.
    /// </summary>
    public async Task DeliverReplyAsync(ReplyInput input, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (manifests.RequireSequence(input.Sequence).Reply is not { } reply)
        {
            return;
        }

        if (services.TryGetDisplay(reply, out DisplayStep? display))
        {
            await Task.WhenAll(input.Events.Select(e => ShowAsync(input.Sequence, reply, display, e.Event.Json, cancellationToken)));
            return;
        }

        var events = new List<RoutedEvent>(input.Events.Count);
        foreach (RunEvent item in input.Events)
        {
            CloudEvent cloudEvent = CloudEventJson.Decode(item.Event.Json);
            LogReply(logger, input.Sequence, reply, cloudEvent.Id);
            events.Add(new RoutedEvent(cloudEvent, item.BrokerTtl));
        }

        await router.SendAsync(client, reply, events, cancellationToken);
    }

    private async Task<DeliveryResult> RunOneAsync(StepInput input, SequenceStep step, StructuredEvent item, CancellationToken cancellationToken)
    {
        CloudEvent cloudEvent = CloudEventJson.Decode(item.Json);
        LogStep(logger, input.Sequence, input.Step, step.Destination, cloudEvent.Id);
        DeliveryResult result = await DeliveryAttempt.RunAsync(
            token => services.InvokeAsync(step.Destination, cloudEvent, asSubscriber: false, token),
            step.Delivery?.Timeout,
            cancellationToken);
        if (result is { Succeeded: true, Event: null })
        {
            LogChainEnded(logger, input.Sequence, input.Step, cloudEvent.Id);
        }

        return result;
    }

    /// <summary>Shows a last output on the event-display it replies to, read from its JSON (no decode per event).</summary>
    private Task ShowAsync(string sequence, Destination reply, DisplayStep display, string eventJson, CancellationToken cancellationToken)
    {
        string? id = logger.IsEnabled(LogLevel.Information) ? CloudEventJson.ReadId(eventJson) : null;
        LogReply(logger, sequence, reply, id);
        return display.ShowStructuredAsync(eventJson, cancellationToken).AsTask();
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Sequence {Sequence} step {Step} ({Destination}): event {EventId}")]
    private static partial void LogStep(ILogger logger, string sequence, int step, Destination destination, string? eventId);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "Sequence {Sequence} step {Step} returned no event: chain ended for event {EventId}")]
    private static partial void LogChainEnded(ILogger logger, string sequence, int step, string? eventId);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Information, Message = "Sequence {Sequence} reply to {Destination}: event {EventId}")]
    private static partial void LogReply(ILogger logger, string sequence, Destination destination, string? eventId);
}
