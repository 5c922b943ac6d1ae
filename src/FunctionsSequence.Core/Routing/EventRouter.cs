using CloudNative.CloudEvents;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Steps;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Routing;

/// <summary>
/// Sends events to any destination: a Sequence or Parallel (starts its run), a Broker (publishes, with the hop
/// counter's rules), a Service or a URI (invokes it). Ingress, sources and activities all go
/// through here, in both hosts.
/// </summary>
public sealed class EventRouter(ServiceInvoker services, Brokers brokers, RunBatcher batcher)
{
    /// <summary>
    /// Events from outside (ingress) into a Sequence or Parallel: they run together, or with others
    /// when the flow is busy; completes once every run is scheduled.
    /// </summary>
    public Task StartAsync(DurableTaskClient client, RunTarget target, IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(events);
        return batcher.AdmitAsync(client, target, [.. events.Select(e => RunMember.Of(target, e, new RunEvent(CloudEventJson.Encode(e))))], cancellationToken);
    }

    /// <summary>Events from outside (ingress) into a Broker; those whose hop counter ran out are dropped and reported.</summary>
    public Task PublishAsync(DurableTaskClient client, string broker, IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        return brokers.PublishAsync(client, broker, [.. events.Select(e => new RoutedEvent(e))], EventOrigin.Outside, cancellationToken);
    }

    /// <summary>
    /// Sends events from inside the pipeline (replies, dead letters, a source's ticks) to
    /// <paramref name="destination"/>. Into a Sequence or Parallel they go as one run at once, with an id derived
    /// from them and from <paramref name="via"/>, the hop that hands them over (null for a source's ticks), never
    /// waiting for a slot; a Service's own reply is not forwarded. A Service or URI gets each in a request of
    /// <paramref name="format"/>'s mode (binary when null), the format of the delivery that governs the send, if any.
    /// </summary>
    public async Task SendAsync(DurableTaskClient client, Destination destination, IReadOnlyList<RoutedEvent> events, string? via, DeliveryFormat? format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(events);
        if (RunTarget.Of(destination) is { } target)
        {
            await batcher.StartNowAsync(client, target, [.. events.Select(e => RunMember.Of(target, e.Event, new RunEvent(CloudEventJson.Encode(e.Event), e.BrokerTtl), via))], cancellationToken);
            return;
        }

        if (destination.Ref is { Kind: ResourceKind.Broker } broker)
        {
            await brokers.PublishAsync(client, broker.Name, events, EventOrigin.Pipeline, cancellationToken);
            return;
        }

        await Task.WhenAll(events.Select(e => services.InvokeAsync(destination, e.Event, AnswerUse.Ignored, via, format, cancellationToken).AsTask()));
    }
}
