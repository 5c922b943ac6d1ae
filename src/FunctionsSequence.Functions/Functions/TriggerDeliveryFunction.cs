using System.Text.Json;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Infra;
using FunctionsSequence.Functions.EventGrid;
using FunctionsSequence.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Functions.Functions;

/// <summary>
/// Where Event Grid delivers a Trigger's events (its subscription's destination), a batch at a
/// time. The app declares this function once per Trigger of its manifests, as
/// <c>trigger-{name}</c> (<see cref="TriggerFunctions"/>): Event Grid tells a function nothing about
/// the subscription that delivered, so each Trigger has a function of its own, and the function
/// knows its Trigger by its own name. The Trigger's filter is applied again (Event Grid's filters
/// are coarser) and each matching event starts its durable delivery. A failure answers 500 and
/// Event Grid delivers the whole batch again, whose events admission recognises one by one.
/// </summary>
public sealed class TriggerDeliveryFunction(TriggerAdmission triggers)
{
    [Function(FunctionNames.TriggerDelivery)]
    public async Task RunAsync(
        [EventGridTrigger(IsBatched = true)] JsonElement[] events, FunctionContext context, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        string trigger = EventGridNames.TriggerOf(context.FunctionDefinition.Name)
            ?? throw new InvalidOperationException($"Function {context.FunctionDefinition.Name} is not one of a Trigger; Event Grid subscriptions target trigger-<name>");
        (IReadOnlyList<CloudEvent> valid, IReadOnlyList<string> invalid) = EventGridDeliveries.Read(events);
        await triggers.DeliverAsync(client, trigger, valid, cancellationToken);
        if (invalid.Count > 0)
        {
            // The valid ones are admitted; Event Grid sends the batch again, they are recognised, and
            // the invalid ones fail until Event Grid dead-letters them.
            throw new InvalidOperationException($"{invalid.Count} of {events.Length} event(s) delivered to Trigger {trigger} are not CloudEvents: {string.Join(" ", invalid)}");
        }
    }
}
