using System.Globalization;
using CloudNative.CloudEvents;

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
    /// Gives <paramref name="routed"/>'s event the counter it enters a Broker with: one less than the
    /// Broker event whose work produced it, else its own, else <see cref="Default"/>. False when
    /// that counter has run out: the event is looping and must be dropped.
    /// </summary>
    public static bool TryEnter(RoutedEvent routed, out int ttl)
    {
        ArgumentNullException.ThrowIfNull(routed);
        ttl = routed.BrokerTtl is { } parent ? parent - 1 : Get(routed.Event) ?? Default;
        if (ttl <= 0)
        {
            return false;
        }

        Set(routed.Event, ttl);
        return true;
    }
}
