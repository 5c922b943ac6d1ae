using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Durable;

namespace FunctionsSequence.Core.Delivery;

/// <summary>Input of the dead-letter activity: the failed hop's input event and why it failed.</summary>
/// <param name="Event">The event the failed destination was given (structured JSON).</param>
/// <param name="FailedDestination">Where it failed, for <c>knativeerrordest</c>.</param>
/// <param name="Hop">The hop that failed, whose delivery names the sink.</param>
/// <param name="Failure">The last attempt's result.</param>
/// <param name="Attempts">How many attempts were made.</param>
/// <param name="Redrive">The failed event's redrive mark, when a redrive sent it back (<see cref="RunEvent.Redrive"/>).</param>
/// <param name="Run">The run the hop is in, set as the activity is called: the same hop of two runs sends two dead letters to a flow or a display.</param>
/// <param name="BrokerTtl">
/// A Trigger's event's Broker hop counter, kept beside the event (<see cref="RunEvent.BrokerTtl"/>): its dead letter carries it,
/// as the event in Knative's Broker channel does, and a redrive takes it up again. Null for other hops, and in earlier histories.
/// </param>
/// <param name="OfReply">True when what failed is the hop's reply (<paramref name="FailedDestination"/>), which its answer was sent on to, not the hop itself.</param>
public sealed record DeadLetterInput(
    string Event, string FailedDestination, Hop Hop, DeliveryResult Failure, int Attempts, RedriveMark? Redrive = null, string? Run = null, int? BrokerTtl = null, bool OfReply = false);
