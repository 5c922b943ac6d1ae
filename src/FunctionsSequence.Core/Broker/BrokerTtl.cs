using System.Globalization;
using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Broker;

/// <summary>
/// The Broker's hop counter (<c>knativebrokerttl</c>) and its rules, kept in this one place as in
/// Knative: an event entering a Broker gets the counter if it has none, and one less than it came with
/// if it has (a reply to work a Broker event started, the counter of that event); an event whose counter
/// has run out is refused at ingress and dropped elsewhere.
/// </summary>
public static class BrokerTtl
{
    /// <summary>The extension name.</summary>
    public const string Extension = "knativebrokerttl";

    /// <summary>The counter an event gets when it first enters a Broker.</summary>
    public const int Default = 255;

    /// <summary>The event's counter, or null when it has none (or it is not a number).</summary>
    public static int? Get(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        object? value = cloudEvent[Extension];
        return value switch
        {
            int i => i,
            string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) => n,
            _ => null,
        };
    }

    /// <summary>Sets the counter.</summary>
    public static void Set(CloudEvent cloudEvent, int ttl)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        // Parsed into whatever type the event already gives the extension (integer after JSON, string after binary mode).
        cloudEvent.SetAttributeFromString(Extension, ttl.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Gives <paramref name="routed"/>'s event the counter it enters a Broker with, as Knative's broker ingress
    /// does for every event (its <c>TTLDefaulter</c>): one less than the counter it came with (that of the Broker
    /// event whose work produced it, else its own), else <see cref="Default"/>. False when that counter has run out:
    /// the event is looping and must be dropped. The counter is written on the event, so an event entered again
    /// is a new copy of it, or carries the counter it first came with as <see cref="RoutedEvent.BrokerTtl"/>.
    /// </summary>
    public static bool TryEnter(RoutedEvent routed, out int ttl)
    {
        ArgumentNullException.ThrowIfNull(routed);
        ttl = Entering(routed.BrokerTtl ?? Get(routed.Event));
        if (ttl <= 0)
        {
            return false;
        }

        Set(routed.Event, ttl);
        return true;
    }

    /// <summary>
    /// The first of <paramref name="events"/> whose counter runs out as it enters a Broker, which Knative's
    /// broker ingress refuses with 400; null when none does.
    /// </summary>
    public static CloudEvent? FirstRunningOut(IEnumerable<CloudEvent> events) =>
        events.FirstOrDefault(e => Entering(Get(e)) <= 0);

    private static int Entering(int? came) => came is { } counter ? counter - 1 : Default;
}
