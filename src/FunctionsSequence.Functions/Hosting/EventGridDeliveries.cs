using System.Text.Json;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Functions.Hosting;

/// <summary>
/// The events of an Event Grid delivery in the CloudEvents 1.0 schema, from their JSON as Event
/// Grid sent it, so every attribute and extension comes across unchanged (the Azure SDK's own
/// CloudEvent type would add a <c>time</c> the event never had).
/// </summary>
internal static class EventGridDeliveries
{
    /// <summary>The events that are CloudEvents, and why each of the others is not, in the ingress's words.</summary>
    public static (IReadOnlyList<CloudEvent> Valid, IReadOnlyList<string> Invalid) Read(IReadOnlyList<JsonElement> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var valid = new List<CloudEvent>(events.Count);
        var invalid = new List<string>();
        for (int i = 0; i < events.Count; i++)
        {
            if (StructuredBodyReader.DecodeElement(events[i], i, out CloudEvent? cloudEvent, fromSender: false) is { } problem)
            {
                invalid.Add(problem);
            }
            else
            {
                valid.Add(cloudEvent!);
            }
        }

        return (valid, invalid);
    }
}
