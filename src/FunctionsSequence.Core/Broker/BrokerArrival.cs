using System.Globalization;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Broker;

/// <summary>
/// When an event entered a Broker (<c>knativearrivaltime</c>): Knative's Broker ingress sets it on
/// every event it takes in, a reply coming back in included, and subscribers see it (event-display
/// prints it among the extensions).
/// </summary>
public static class BrokerArrival
{
    /// <summary>The extension name.</summary>
    public const string Extension = "knativearrivaltime";

    /// <summary>Sets the event's arrival to <paramref name="now"/>, replacing an earlier one, as Knative's ingress does.</summary>
    public static void Stamp(CloudEvent cloudEvent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        cloudEvent.SetAttributeFromString(Extension, Format(now));
    }

    /// <summary>Sets the event's arrival to <paramref name="now"/> unless it has one: an event published to a Broker's Event Grid topic directly arrives with none.</summary>
    public static void StampIfMissing(CloudEvent cloudEvent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        if (cloudEvent[Extension] is null)
        {
            Stamp(cloudEvent, now);
        }
    }

    /// <summary>The time as Knative writes it (Go's RFC 3339 with nanoseconds, in UTC): the fraction's trailing zeros left out.</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString(CloudEventAttributes.GoTimestampFormat, CultureInfo.InvariantCulture);
}
