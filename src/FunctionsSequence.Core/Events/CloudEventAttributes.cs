using System.Globalization;
using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Events;

/// <summary>Reads any CloudEvents attribute (context or extension) as the string Knative filters compare.</summary>
public static class CloudEventAttributes
{
    /// <summary>The distributed-tracing extension's W3C <c>traceparent</c>: the span that sent the event on.</summary>
    public const string TraceParent = "traceparent";

    /// <summary>The distributed-tracing extension's W3C <c>tracestate</c>.</summary>
    public const string TraceState = "tracestate";

    /// <summary>
    /// True for the distributed-tracing extension's attributes, which each hop rewrites: they tell
    /// where an event was sent from, not what it is.
    /// </summary>
    public static bool IsTracing(string name) => name is TraceParent or TraceState;

    /// <summary>
    /// A UTC time as Knative's Go code writes one (RFC 3339 with nanoseconds, Go's RFC3339Nano): the
    /// fraction's trailing zeros left out, here at most 7 digits. For a <see cref="DateTime"/> in UTC.
    /// </summary>
    public const string GoTimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    /// <summary>
    /// The event's <c>datacontenttype</c>, or null. The SDK's typed getter parses the media type again
    /// on every read (it validates each value it returns); the value was validated when it was set,
    /// and this runs several times per event and step.
    /// </summary>
    public static string? DataContentType(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return (string?)cloudEvent[cloudEvent.SpecVersion.DataContentTypeAttribute.Name];
    }

    /// <summary>The attribute's canonical string form, or null when the event does not carry it.</summary>
    public static string? GetString(CloudEvent cloudEvent, string name)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        if (name == "specversion")
        {
            return cloudEvent.SpecVersion.VersionId;
        }

        CloudEventAttribute? attribute = cloudEvent.GetAttribute(name);
        if (attribute is null)
        {
            return null;
        }

        object? value = cloudEvent[attribute];
        return value is null ? null : attribute.Format(value);
    }

    /// <summary>
    /// The attribute as Knative's attributes, exact, prefix and suffix filters look it up (LookupAttribute): a time as
    /// the broker holds it (sdk-go writes each time it forwards in UTC, and Go's RFC3339Nano cuts the fraction's
    /// zeros); also CloudEvents 0.3's <c>schemaurl</c>, which is <c>dataschema</c>, and <c>datamediatype</c>, the media
    /// type of <c>datacontenttype</c> without its parameters. CESQL has no such names, and reads a time as written (its TCK).
    /// </summary>
    public static string? Lookup(CloudEvent cloudEvent, string name)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return name switch
        {
            "time" => cloudEvent.Time?.UtcDateTime.ToString(GoTimestampFormat, CultureInfo.InvariantCulture),
            "schemaurl" => GetString(cloudEvent, "dataschema"),
            "datamediatype" => DataContentType(cloudEvent) is { } type ? type.Split(';', 2)[0].Trim() : null,
            _ => GetString(cloudEvent, name),
        };
    }
}
