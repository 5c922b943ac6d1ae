using System.Text.Json.Serialization;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Durable;

/// <summary>One event of a run, as it travels between activities, with the Broker hop counter it carries.</summary>
/// <param name="Event">The event, structured-mode JSON, never looked inside by an orchestration.</param>
/// <param name="BrokerTtl">
/// The hop counter of the Broker event that started the work, kept out of the steps' and
/// subscribers' sight (as Knative hides it) and carried to a reply into a Broker, so that a loop
/// through a Sequence still ends. Null for events that did not come from a Broker.
/// </param>
/// <param name="Redrive">Set on an event a redrive sent back to a hop, and kept as it goes on; null otherwise.</param>
[JsonConverter(typeof(RunEventJsonConverter))]
public sealed record RunEvent(StructuredEvent Event, int? BrokerTtl = null, RedriveMark? Redrive = null)
{
    /// <summary>An event of a run from its structured-mode JSON.</summary>
    public RunEvent(string json, int? brokerTtl = null)
        : this(new StructuredEvent(json), brokerTtl)
    {
    }
}
