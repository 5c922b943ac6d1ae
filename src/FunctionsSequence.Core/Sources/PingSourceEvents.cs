using System.Security.Cryptography;
using System.Text;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Sources;

/// <summary>Builds the event a PingSource or CronJobSource emits for one tick.</summary>
public static class PingSourceEvents
{
    /// <summary>
    /// The event for the tick at <paramref name="tick"/>. Its id is a UUID derived from the source
    /// and the tick, new for every tick but the same if one tick fires twice (a timer that
    /// restarts), so the duplicate is recognised downstream.
    /// </summary>
    public static CloudEvent Create(PingSourceResource source, DateTimeOffset tick)
    {
        ArgumentNullException.ThrowIfNull(source);
        var cloudEvent = new CloudEvent
        {
            Id = TickId(source, tick).ToString(),
            Source = new Uri(source.EventSource, UriKind.RelativeOrAbsolute),
            Type = source.EventType,
            Time = tick.ToUniversalTime(),
        };
        // With no data Knative's adapter sets no content type either (mtping/runner.go makeEvent).
        if (source.Data is { Length: > 0 } data)
        {
            CloudEventJson.SetData(cloudEvent, data, source.ContentType);
        }

        foreach ((string name, string value) in source.ExtensionOverrides)
        {
            cloudEvent.SetAttributeFromString(name, value);
        }

        return cloudEvent;
    }

    private static Guid TickId(PingSourceResource source, DateTimeOffset tick)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{source.EventSource}\n{tick.UtcTicks}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5-style, name-based
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
