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
    OrchestrationStarter starter,
    SequenceBatcher batcher,
    ILogger<EventRouter> logger)
{
    /// <summary>Starts a Sequence run for the event (alone, or with others when the Sequence is busy); returns the instance id.</summary>
    public Task<string> StartSequenceAsync(DurableTaskClient client, string sequence, CloudEvent cloudEvent, int? brokerTtl, CancellationToken cancellationToken) =>
        batcher.EnqueueAsync(client, sequence, cloudEvent, brokerTtl, cancellationToken);

    /// <summary>
    /// An event arriving at a Broker's ingress: gets the hop counter if it has none; one whose
    /// counter has run out is dropped and reported. Returns false when dropped.
    /// </summary>
    public async Task<bool> PublishAsync(DurableTaskClient client, string broker, CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        int ttl = BrokerTtl.Get(cloudEvent) ?? BrokerTtl.Default;
        if (ttl <= 0)
        {
            LogTtlExhausted(logger, broker, cloudEvent.Id, cloudEvent.Source);
            return false;
        }

        BrokerTtl.Set(cloudEvent, ttl);
        await brokers.PublishAsync(client, broker, cloudEvent, cancellationToken);
        return true;
    }

    /// <summary>
    /// A reply to a Broker from work a Trigger started: one hop less than the event that started it.
    /// </summary>
    public Task<bool> ReplyToBrokerAsync(DurableTaskClient client, string broker, CloudEvent reply, int triggerTtl, CancellationToken cancellationToken)
    {
        BrokerTtl.Set(reply, triggerTtl - 1);
        return PublishAsync(client, broker, reply, cancellationToken);
    }

    /// <summary>Sends an event to a destination (a reply, a sink). A Service's own reply is not forwarded.</summary>
    public async Task SendAsync(DurableTaskClient client, Destination destination, CloudEvent cloudEvent, int? brokerTtl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        switch (destination.Ref)
        {
            case { Kind: ResourceKind.Sequence } sequence:
                await StartSequenceAsync(client, sequence.Name, cloudEvent, brokerTtl, cancellationToken);
                break;
            case { Kind: ResourceKind.Broker } broker when brokerTtl is { } ttl:
                await ReplyToBrokerAsync(client, broker.Name, cloudEvent, ttl, cancellationToken);
                break;
            case { Kind: ResourceKind.Broker } broker:
                await PublishAsync(client, broker.Name, cloudEvent, cancellationToken);
                break;
            default:
                await services.InvokeAsync(destination, cloudEvent, asSubscriber: false, cancellationToken);
                break;
        }
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
        return await starter.StartTriggerDeliveryAsync(client, trigger, cloudEvent, forSubscriber, ttl, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broker {Broker}: event {EventId} from {Source} dropped: its hop counter (knativebrokerttl) ran out, which means it was looping")]
    private static partial void LogTtlExhausted(ILogger logger, string broker, string? eventId, Uri? source);
}
