using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Steps;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Sequences;

/// <summary>
/// The activities of Sequence and Trigger orchestrations. They run at least once, so each is
/// idempotent: steps are pure or idempotent by contract, and what they start has an event-derived id.
/// </summary>
public sealed partial class SequenceActivities(
    ManifestSet manifests,
    ServiceInvoker services,
    EventRouter router,
    ILogger<SequenceActivities> logger)
{
    /// <summary><see cref="TaskNames.RunStep"/>: runs step N; returns its output event, or null to end the chain.</summary>
    public async Task<string?> RunStepAsync(StepInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        SequenceResource sequence = GetSequence(input.Sequence);
        SequenceStep step = sequence.Steps[input.Step];
        CloudEvent cloudEvent = CloudEventJson.Decode(input.Event);
        LogStep(logger, input.Sequence, input.Step, step.Destination, cloudEvent.Id);
        CloudEvent? output = await services.InvokeAsync(step.Destination, cloudEvent, cancellationToken);
        if (output is null)
        {
            LogChainEnded(logger, input.Sequence, input.Step, cloudEvent.Id);
            return null;
        }

        return CloudEventJson.Encode(output);
    }

    /// <summary><see cref="TaskNames.DeliverReply"/>: sends the last output to the Sequence's reply.</summary>
    public async Task DeliverReplyAsync(ReplyInput input, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        SequenceResource sequence = GetSequence(input.Sequence);
        if (sequence.Reply is null)
        {
            return;
        }

        CloudEvent cloudEvent = CloudEventJson.Decode(input.Event);
        LogReply(logger, input.Sequence, sequence.Reply, cloudEvent.Id);
        await router.SendAsync(client, sequence.Reply, cloudEvent, input.BrokerTtl, cancellationToken);
    }

    /// <summary>
    /// <see cref="TaskNames.DeliverToSubscriber"/>: hands the event to the Trigger's subscriber; a
    /// subscriber's reply goes back into the Broker with one hop less.
    /// </summary>
    public async Task DeliverToSubscriberAsync(TriggerInput input, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        TriggerResource trigger = manifests.FindTrigger(input.Trigger)
            ?? throw new InvalidOperationException($"Trigger '{input.Trigger}' is not in the manifests this app runs");
        CloudEvent cloudEvent = CloudEventJson.Decode(input.Event);
        LogDeliver(logger, trigger.Name, trigger.Subscriber, cloudEvent.Id);
        if (trigger.Subscriber.Ref is { Kind: ResourceKind.Sequence } sequence)
        {
            await router.StartSequenceAsync(client, sequence.Name, cloudEvent, input.Ttl, cancellationToken);
            return;
        }

        CloudEvent? reply = await services.InvokeAsync(trigger.Subscriber, cloudEvent, cancellationToken);
        if (reply is not null)
        {
            await router.ReplyToBrokerAsync(client, trigger.Broker, reply, input.Ttl, cancellationToken);
        }
    }

    private SequenceResource GetSequence(string name) =>
        manifests.Sequences.TryGetValue(name, out SequenceResource? sequence)
            ? sequence
            : throw new InvalidOperationException($"Sequence '{name}' is not in the manifests this app runs");

    [LoggerMessage(Level = LogLevel.Information, Message = "Sequence {Sequence} step {Step} ({Destination}): event {EventId}")]
    private static partial void LogStep(ILogger logger, string sequence, int step, Destination destination, string? eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sequence {Sequence} step {Step} returned no event: chain ended for event {EventId}")]
    private static partial void LogChainEnded(ILogger logger, string sequence, int step, string? eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sequence {Sequence} reply to {Destination}: event {EventId}")]
    private static partial void LogReply(ILogger logger, string sequence, Destination destination, string? eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trigger {Trigger} delivers to {Subscriber}: event {EventId}")]
    private static partial void LogDeliver(ILogger logger, string trigger, Destination subscriber, string? eventId);
}
