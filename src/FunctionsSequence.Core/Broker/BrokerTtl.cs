using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Broker;

/// <summary>The Broker's hop counter (<c>knativebrokerttl</c>), kept in this one place as in Knative.</summary>
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
            string s when int.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int n) => n,
            _ => null,
        };
    }

    /// <summary>Sets the counter.</summary>
    public static void Set(CloudEvent cloudEvent, int ttl)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        // Parsed into whatever type the event already gives the extension (integer after JSON, string after binary mode).
        cloudEvent.SetAttributeFromString(Extension, ttl.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
