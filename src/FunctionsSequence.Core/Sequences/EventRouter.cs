using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Steps;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Sequences;

/// <summary>
/// Sends an event to any destination: a Sequence (starts its orchestration), a Broker (publishes,
/// keeping the hop counter), a Service or a URI (invokes it). Ingress, sources and activities all
/// go through here, in both hosts.
/// </summary>
public sealed partial class EventRouter(
    ManifestSet manifests,
    ServiceInvoker services,
    IBrokerPublisher brokers,
    RunBatcher batcher,
    ILogger<EventRouter> logger)
{
    /// <summary>
    /// An event from outside (ingress) into a Sequence: starts its run, alone or with others when
    /// the Sequence is busy; returns the instance id once scheduled.
    /// </summary>
    public Task<string> StartSequenceAsync(DurableTaskClient client, string sequence, CloudEvent cloudEvent, int? brokerTtl, CancellationToken cancellationToken) =>
        batcher.EnqueueSequenceAsync(client, sequence, cloudEvent, brokerTtl, cancellationToken);

    /// <summary>
    /// An event arriving at a Broker's ingress from outside: gets the hop counter if it has none;
    /// one whose counter has run out is dropped and reported. Returns false when dropped.
    /// </summary>
    public async Task<bool> PublishAsync(DurableTaskClient client, string broker, CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        if (!StampTtl(broker, cloudEvent))
        {
            return false;
        }

        await brokers.PublishAsync(client, broker, cloudEvent, cancellationToken);
        return true;
    }

    /// <summary>
    /// Events from inside the pipeline (an activity's replies) into a Broker, handed on at once as
    /// one delivery run per Trigger. Each already has its hop counter, or gets a new one.
    /// </summary>
    public async Task PublishBatchAsync(DurableTaskClient client, string broker, IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        CloudEvent[] live = [.. events.Where(e => StampTtl(broker, e))];
        if (live.Length > 0)
        {
            await brokers.PublishBatchAsync(client, broker, live, cancellationToken);
        }
    }

    /// <summary>
    /// A reply to a Broker from work a Trigger started: one hop less than the event that started it.
    /// </summary>
    public Task ReplyToBrokerAsync(DurableTaskClient client, string broker, CloudEvent reply, int triggerTtl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        BrokerTtl.Set(reply, triggerTtl - 1);
        return PublishBatchAsync(client, broker, [reply], cancellationToken);
    }

    /// <summary>
    /// Sends an event from inside the pipeline (a reply, a sink, a source) to a destination. A
    /// Sequence or a Trigger delivery starts at once, with the event's own id, never waiting for
    /// a slot. A Service's own reply is not forwarded.
    /// </summary>
    public async Task SendAsync(DurableTaskClient client, Destination destination, CloudEvent cloudEvent, int? brokerTtl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        switch (destination.Ref)
        {
            case { Kind: ResourceKind.Sequence } sequence:
                await batcher.StartSequenceNowAsync(client, sequence.Name, [(cloudEvent, brokerTtl)], cancellationToken);
                break;
            case { Kind: ResourceKind.Broker } broker when brokerTtl is { } ttl:
                await ReplyToBrokerAsync(client, broker.Name, cloudEvent, ttl, cancellationToken);
                break;
            case { Kind: ResourceKind.Broker } broker:
                await PublishBatchAsync(client, broker.Name, [cloudEvent], cancellationToken);
                break;
            default:
                await services.InvokeAsync(destination, cloudEvent, asSubscriber: false, cancellationToken);
                break;
        }
    }

    /// <summary>Sets the hop counter if missing; false (and reported) when it has run out.</summary>
    private bool StampTtl(string broker, CloudEvent cloudEvent)
    {
        int ttl = BrokerTtl.Get(cloudEvent) ?? BrokerTtl.Default;
        if (ttl <= 0)
        {
            LogTtlExhausted(logger, broker, cloudEvent.Id, cloudEvent.Source);
            return false;
        }

        BrokerTtl.Set(cloudEvent, ttl);
        return true;
    }

    /// <summary>
    /// Delivers an event that Event Grid routed to a Trigger: checks the Trigger's filter again
    /// (Event Grid's filters are coarser) and starts the durable delivery. Returns null when the
    /// filter refuses it.
    /// </summary>
    public async Task<string?> DeliverToTriggerAsync(DurableTaskClient client, string trigger, CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        TriggerResource resource = manifests.FindTrigger(trigger) ?? throw new KeyNotFoundException($"Trigger '{trigger}' does not exist");
        if (!Filtering.EventFilterExtensions.Matches(resource.Filter, cloudEvent))
        {
            return null;
        }

        int ttl = BrokerTtl.Get(cloudEvent) ?? BrokerTtl.Default;
        string forSubscriber = CloudEventJson.Encode(CloudEventFactory.Without(cloudEvent, BrokerTtl.Extension));
        return await batcher.EnqueueTriggerAsync(client, trigger, cloudEvent, forSubscriber, ttl, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broker {Broker}: event {EventId} from {Source} dropped: its hop counter (knativebrokerttl) ran out, which means it was looping")]
    private static partial void LogTtlExhausted(ILogger logger, string broker, string? eventId, Uri? source);
}
