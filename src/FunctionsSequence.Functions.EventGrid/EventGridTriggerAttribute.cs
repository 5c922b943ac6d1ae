using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace FunctionsSequence.Functions.EventGrid;

/// <summary>
/// Makes a function an Event Grid subscription's destination (<c>eventGridTrigger</c>): the host
/// serves <c>/runtime/webhooks/eventgrid?functionName=NAME</c> behind its <c>eventgrid_extension</c>
/// system key, answers both validation handshakes, and calls the function with the events. The
/// function takes them as the JSON text Event Grid delivered (<see cref="string"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class EventGridTriggerAttribute : TriggerBindingAttribute
{
    /// <summary>True to take a whole delivery (up to the subscription's <c>maxEventsPerBatch</c>) in one call, as a JSON array.</summary>
    [DefaultValue(false)]
    public bool IsBatched { get; set; }
}
