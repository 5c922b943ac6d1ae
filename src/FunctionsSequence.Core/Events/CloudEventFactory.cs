using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Events;

/// <summary>Copies events: a step's output keeps everything of its input that the step does not own.</summary>
public static class CloudEventFactory
{
    /// <summary>A copy of <paramref name="source"/> with every attribute (extensions included) and the same data.</summary>
    public static CloudEvent Copy(CloudEvent source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var copy = new CloudEvent(source.SpecVersion, source.ExtensionAttributes);
        foreach ((CloudEventAttribute attribute, object value) in source.GetPopulatedAttributes())
        {
            copy[attribute] = value;
        }

        copy.Data = source.Data;
        return copy;
    }

    /// <summary>A copy without one extension (e.g. the broker's hop counter, which subscribers do not see).</summary>
    public static CloudEvent Without(CloudEvent source, string extension)
    {
        CloudEvent copy = Copy(source);
        copy[extension] = null;
        return copy;
    }
}
