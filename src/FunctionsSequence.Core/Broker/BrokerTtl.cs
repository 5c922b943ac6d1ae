using System.Globalization;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Admission;

namespace FunctionsSequence.Core.Broker;

/// <summary>
/// The Broker's hop counter (<c>knativebrokerttl</c>) and its rules, kept in this one place as in
/// Knative: an event entering a Broker gets the counter if it has none; a reply to work a Broker
/// event started gets one hop less than that event; an event whose counter has run out is dropped.
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
    /// does: one less than the counter it came with (the Broker event whose work produced it; from outside,
    /// its own), else <see cref="Default"/>. False when that counter has run out: the event is looping and
    /// must be dropped. An event from inside with no Broker event behind it keeps a counter of its own as it
    /// is, so that a send tried again (a source's tick) does not take one off each try.
    /// </summary>
    public static bool TryEnter(RoutedEvent routed, EventOrigin origin, out int ttl)
    {
        ArgumentNullException.ThrowIfNull(routed);
        ttl = routed.BrokerTtl is { } parent ? parent - 1
            : origin == EventOrigin.Outside ? Entering(routed.Event)
            : Get(routed.Event) ?? Default;
        if (ttl <= 0)
        {
            return false;
        }

        Set(routed.Event, ttl);
        return true;
    }

    /// <summary>
    /// The first of <paramref name="events"/> (sent to a Broker from outside) whose counter runs out as it
    /// enters, which Knative's broker ingress refuses with 400; null when none does.
    /// </summary>
    public static CloudEvent? FirstRunningOut(IEnumerable<CloudEvent> events) =>
        events.FirstOrDefault(e => Entering(e) <= 0);

    /// <summary>The counter an event from outside enters with: one less than its own (Knative's <c>TTLDefaulter</c>), else <see cref="Default"/>.</summary>
    private static int Entering(CloudEvent cloudEvent) => Get(cloudEvent) is { } own ? own - 1 : Default;
}
