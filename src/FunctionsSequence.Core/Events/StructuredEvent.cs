using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Events;

/// <summary>
/// A CloudEvent as structured-mode JSON text on its way between activities, a JSON string in
/// orchestration history. An orchestration reads its input and its activities' results again, and
/// writes the inputs it schedules again, on every replay, but never looks inside the events: so an
/// event read from a payload keeps its JSON string token as written, is written back by copying
/// that token, and is unescaped only when someone asks for its <see cref="Json"/> or decodes it (an activity, once).
/// </summary>
[JsonConverter(typeof(StructuredEventJsonConverter))]
public sealed class StructuredEvent : IEquatable<StructuredEvent>
{
    private static readonly JavaScriptEncoder Escaping = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    // The JSON string token as read, quotes and escapes included; null when made from text.
    private readonly byte[]? token;
    private string? json;

    /// <summary>An event from its structured-mode JSON text.</summary>
    public StructuredEvent(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        this.json = json;
    }

    private StructuredEvent(byte[] token) => this.token = token;

    /// <summary>The event's structured-mode JSON text.</summary>
    public string Json => json ??= At(token!).GetString()!;

    /// <summary>
    /// The bytes the event takes as the JSON string it is in a payload, quotes left out: exact for one read from a
    /// payload (its token, which stays unread), at least that for one made from text (<see cref="PayloadBytesOf"/>).
    /// </summary>
    public long PayloadBytes => token is not null ? token.Length - 2 : PayloadBytesOf(json!);

    /// <summary>
    /// At least the bytes <paramref name="text"/> takes written as a JSON string by the payload converter's relaxed encoder,
    /// quotes left out: UTF-8, a quote or backslash escaped with one more byte, and whatever else the encoder escapes (control
    /// characters, each half of a surrogate pair, some other code points) counted as <c>\uXXXX</c>.
    /// </summary>
    public static long PayloadBytesOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        long bytes = 0;
        foreach (char c in text)
        {
            bytes += c switch
            {
                '"' or '\\' => 2,
                >= (char)0xD800 and <= (char)0xDFFF => 6,
                _ when Escaping.WillEncode(c) => 6,
                < (char)0x80 => 1,
                < (char)0x800 => 2,
                _ => 3,
            };
        }

        return bytes;
    }

    /// <summary>
    /// The event, as <see cref="CloudEventJson.Decode(string)"/> decodes its text; one read from a payload whose text
    /// nobody asked for is unescaped from its token straight into UTF-8, and its text is not made.
    /// </summary>
    public CloudEvent Decode()
    {
        if (token is null || json is not null)
        {
            return CloudEventJson.Decode(Json);
        }

        byte[] utf8 = ArrayPool<byte>.Shared.Rent(token.Length); // unescaped, the text is no longer than its token
        try
        {
            return CloudEventJson.Decode(utf8.AsMemory(0, At(token).CopyString(utf8)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8, clearArray: true); // the event's content does not stay in the shared pool
        }
    }

    /// <summary>Whether the event's text has been made; a view for tests, which check that decoding does not make it.</summary>
    internal bool HasText => json is not null;

    /// <inheritdoc />
    public bool Equals(StructuredEvent? other) => other is not null && string.Equals(Json, other.Json, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as StructuredEvent);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Json);

    /// <inheritdoc />
    public override string ToString() => Json;

    /// <summary>Reads the JSON string at <paramref name="reader"/> without unescaping it.</summary>
    internal static StructuredEvent Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"An event in a payload is a JSON string, not {reader.TokenType}");
        }

        if (!reader.ValueIsEscaped)
        {
            return new StructuredEvent(reader.GetString()!); // no escapes: nothing to save
        }

        int length = checked((int)(reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length));
        byte[] token = new byte[length + 2];
        token[0] = token[^1] = (byte)'"';
        if (reader.HasValueSequence)
        {
            reader.ValueSequence.CopyTo(token.AsSpan(1));
        }
        else
        {
            reader.ValueSpan.CopyTo(token.AsSpan(1));
        }

        return new StructuredEvent(token);
    }

    /// <summary>Writes the event as a JSON string: the token it was read from, or its text escaped.</summary>
    internal void Write(Utf8JsonWriter writer)
    {
        if (token is not null)
        {
            writer.WriteRawValue(token, skipInputValidation: true); // a string token the reader accepted
        }
        else
        {
            writer.WriteStringValue(json);
        }
    }

    /// <summary>A reader on <paramref name="token"/>'s string, to unescape it.</summary>
    private static Utf8JsonReader At(byte[] token)
    {
        var reader = new Utf8JsonReader(token);
        reader.Read();
        return reader;
    }
}
