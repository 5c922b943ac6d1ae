using System.Buffers;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Events;

/// <summary>Attributes of a structured-mode event read from its text without decoding it, for log lines and traces.</summary>
public static partial class CloudEventJson
{
    /// <summary>
    /// The id of a structured-mode event, for a log line: reads the top level only as far as
    /// <c>id</c> (this runs per event and step when logging is on). Null when the text is not an
    /// object or its id is not a string.
    /// </summary>
    public static string? ReadId(string json) => ReadString(json, CloudEventsSpecVersion.Default.IdAttribute.Name);

    /// <summary>
    /// A top-level string attribute of a structured-mode event (<c>id</c>, <c>traceparent</c>), read
    /// only as far as it. Null when the text is not an object or the attribute is absent or not a string.
    /// </summary>
    public static string? ReadString(string json, string attribute)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(attribute);
        return OverUtf8(json, attribute, static (utf8, name) =>
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool found = reader.ValueTextEquals(name);
                reader.Read();
                if (found)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }

            return null;
        });
    }

    /// <summary>
    /// <paramref name="read"/> over the UTF-8 text of <paramref name="json"/>, in a pooled buffer
    /// (for readers of events as they travel, which run per event and step).
    /// </summary>
    internal static TResult OverUtf8<TState, TResult>(string json, TState state, Func<ReadOnlySpan<byte>, TState, TResult> read)
    {
        byte[] utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            return read(utf8.AsSpan(0, Encoding.UTF8.GetBytes(json, utf8)), state);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }
}
