using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Events;

/// <summary>Reads any CloudEvents attribute (context or extension) as the string Knative filters compare.</summary>
public static class CloudEventAttributes
{
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
}
