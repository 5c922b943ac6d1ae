using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Steps;

/// <summary>
/// The seed's step image (<c>STEP=N</c>), as Knative's appender sample: appends
/// <c> - Handled by N</c> to <c>message</c>, keeps id, source and extensions, and sets
/// <c>type: samples.http.mod3</c>. Deterministic, so replays are harmless.
/// </summary>
public sealed class AppenderStep(string handledBy) : IStructuredModeStep
{
    /// <summary>The type every appended event gets.</summary>
    public const string OutputType = "samples.http.mod3";

    private const string MessageProperty = "message";
    private const string TypeAttribute = "type";
    private const string ContentTypeAttribute = "datacontenttype";
    private const string DataProperty = CloudEventJson.DataProperty;
    private const string DataBase64Property = CloudEventJson.DataBase64Property;

    private static readonly byte[] OutputTypeValue = Encoding.UTF8.GetBytes($"\"{OutputType}\"");
    private static readonly byte[] JsonContentTypeValue = Encoding.UTF8.GetBytes($"\"{MediaTypes.Json}\"");
    private static readonly byte[] ContentTypeProperty = Encoding.UTF8.GetBytes($",\"{ContentTypeAttribute}\":\"{MediaTypes.Json}\"");

    private readonly Suffix suffix = new($" - Handled by {handledBy}");

    /// <inheritdoc />
    public ValueTask<CloudEvent?> InvokeAsync(CloudEvent input, StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        CloudEvent output = CloudEventFactory.Copy(input);
        output.Type = OutputType;
        output.DataContentType = MediaTypes.Json;
        output.Data = input.Data is JsonElement { ValueKind: JsonValueKind.Object } data && TryAppend(data, out JsonElement appended)
            ? appended
            : Append(ParsePayload(input));
        return ValueTask.FromResult<CloudEvent?>(output);
    }

    private JsonElement Append(JsonObject payload)
    {
        string message = payload[MessageProperty] is JsonValue value && value.TryGetValue(out string? text) ? text : string.Empty;
        payload[MessageProperty] = Appended(message);
        return JsonSerializer.SerializeToElement(payload);
    }

    /// <summary>
    /// The same edit on the event as it travels, structured-mode JSON: <c>type</c> and
    /// <c>datacontenttype</c> set, the suffix spliced into the message (or a message added last in
    /// the data), everything else copied byte for byte (this runs per event and step: a splice,
    /// not a parse and rewrite). Declines what is not JSON object data with a string (or no)
    /// message, and repeated data or content type, for <see cref="InvokeAsync"/> to decide.
    /// </summary>
    public bool TryInvoke(string input, StepContext context, out string? output)
    {
        ArgumentNullException.ThrowIfNull(input);
        output = CloudEventJson.OverUtf8(input, this, static (json, step) => step.TryPlanEdits(json, out Splices splices) ? splices.Apply(json) : null);
        return output is not null;
    }

    /// <summary>Where the edits go in the event's UTF-8 JSON; false to decline.</summary>
    private bool TryPlanEdits(ReadOnlySpan<byte> json, out Splices splices)
    {
        splices = default;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        bool hasData = false, hasContentType = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(DataBase64Property))
            {
                return false;
            }

            if (reader.ValueTextEquals(DataProperty))
            {
                reader.Read();
                if (hasData || reader.TokenType != JsonTokenType.StartObject || !TryPlanMessage(ref reader, ref splices))
                {
                    return false;
                }

                hasData = true;
            }
            else if (reader.ValueTextEquals(ContentTypeAttribute))
            {
                reader.Read();
                if (hasContentType || reader.TokenType != JsonTokenType.String || !CloudEventJson.IsJsonMediaType(reader.GetString()))
                {
                    return false;
                }

                hasContentType = true;
                splices.Add(ValueRange(ref reader), JsonContentTypeValue);
            }
            else if (reader.ValueTextEquals(TypeAttribute))
            {
                reader.Read();
                splices.Add(ValueRange(ref reader), OutputTypeValue); // every one, as the rewrite did
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (!hasData)
        {
            return false;
        }

        int end = (int)reader.TokenStartIndex; // the event's closing brace
        while (reader.Read())
        {
            // Nothing may follow the event: the reader throws on anything but whitespace.
        }

        if (!hasContentType)
        {
            splices.Add((end, end), ContentTypeProperty);
        }

        return true;
    }

    /// <summary>Plans the message edit inside the data object the reader is at; false to decline.</summary>
    private bool TryPlanMessage(ref Utf8JsonReader reader, ref Splices splices)
    {
        bool present = false, empty = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            empty = false;
            bool isMessage = reader.ValueTextEquals(MessageProperty);
            reader.Read();
            if (!isMessage)
            {
                reader.Skip();
                continue;
            }

            if (present)
            {
                return false;
            }

            present = true;
            int start = (int)reader.TokenStartIndex;
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    // Before the closing quote: escaped text followed by escaped text reads as the two joined.
                    int closingQuote = start + 1 + reader.ValueSpan.Length;
                    splices.Add((closingQuote, closingQuote), suffix.EscapedUtf8);
                    break;
                case JsonTokenType.Null:
                    splices.Add((start, start + 4), suffix.QuotedUtf8);
                    break;
                default:
                    return false;
            }
        }

        if (!present)
        {
            int end = (int)reader.TokenStartIndex; // the data's closing brace
            splices.Add((end, end), empty ? suffix.MessagePropertyUtf8 : suffix.CommaMessagePropertyUtf8);
        }

        return true;
    }

    /// <summary>The bytes of the value the reader is at, whatever its kind.</summary>
    private static (int Start, int End) ValueRange(ref Utf8JsonReader reader)
    {
        int start = (int)reader.TokenStartIndex;
        reader.Skip();
        return (start, (int)reader.BytesConsumed);
    }

    /// <summary>
    /// The same edit straight from the event's JSON data, without a mutable copy of it (this runs
    /// per event and step). False, for the general path to decide, when the message is neither a
    /// string nor null, or is given twice.
    /// </summary>
    private bool TryAppend(JsonElement data, out JsonElement appended)
    {
        appended = default;
        if (!TryReadMessage(data, out string? message, out bool present))
        {
            return false;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteAppended(writer, data, Appended(message), present);
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        appended = JsonElement.ParseValue(ref reader);
        return true;
    }

    private string Appended(string? message) => message + suffix.Text;

    /// <summary>The message of JSON object data; false when it is neither a string nor null, or is given twice.</summary>
    private static bool TryReadMessage(JsonElement data, out string? message, out bool present)
    {
        message = null;
        present = false;
        foreach (JsonProperty property in data.EnumerateObject())
        {
            if (property.NameEquals(MessageProperty))
            {
                if (present || property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    return false;
                }

                message = property.Value.GetString();
                present = true;
            }
        }

        return true;
    }

    private static void WriteAppended(Utf8JsonWriter writer, JsonElement data, string text, bool present)
    {
        // In place, as JsonObject's indexer replaces a value; a new message goes last.
        writer.WriteStartObject();
        foreach (JsonProperty property in data.EnumerateObject())
        {
            if (property.NameEquals(MessageProperty))
            {
                writer.WriteString(MessageProperty, text);
            }
            else
            {
                property.WriteTo(writer);
            }
        }

        if (!present)
        {
            writer.WriteString(MessageProperty, text);
        }

        writer.WriteEndObject();
    }

    private static JsonObject ParsePayload(CloudEvent input)
    {
        byte[] data = CloudEventJson.GetDataBytes(input);
        try
        {
            // The sample decodes {"id":..,"message":".."}; other fields are kept as they came.
            if (JsonNode.Parse(data) is JsonObject obj && (obj["message"] is null || obj["message"] is JsonValue v && v.TryGetValue(out string? _)))
            {
                return obj;
            }
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            // Not JSON, or an object with a repeated name (JsonObject refuses those).
        }

        string preview = System.Text.Encoding.UTF8.GetString(data.AsSpan(0, Math.Min(data.Length, 120)));
        throw new StepFailedException(
            $"event {input.Id}: the step expects JSON data like {{\"message\": \"...\"}} with a string message, got '{preview}'", 400, preview);
    }

    /// <summary>The appended text in the forms the splice needs, escaped once per step.</summary>
    private sealed class Suffix
    {
        public Suffix(string text)
        {
            Text = text;
            EscapedUtf8 = JsonEncodedText.Encode(text).EncodedUtf8Bytes.ToArray();
            QuotedUtf8 = [(byte)'"', .. EscapedUtf8, (byte)'"'];
            MessagePropertyUtf8 = [.. Encoding.UTF8.GetBytes($"\"{MessageProperty}\":"), .. QuotedUtf8];
            CommaMessagePropertyUtf8 = [(byte)',', .. MessagePropertyUtf8];
        }

        public string Text { get; }

        public byte[] EscapedUtf8 { get; }

        public byte[] QuotedUtf8 { get; }

        public byte[] MessagePropertyUtf8 { get; }

        public byte[] CommaMessagePropertyUtf8 { get; }
    }

    /// <summary>Byte ranges of the event's JSON to replace (or, empty, to insert at), with what goes there.</summary>
    private struct Splices
    {
        private List<((int Start, int End) Range, byte[] With)>? edits;

        /// <summary>Adds an edit; the plan reads the event once, front to back, so edits come in the order they stand.</summary>
        public void Add((int Start, int End) range, byte[] with) => (edits ??= new List<((int, int), byte[])>(4)).Add((range, with));

        /// <summary>The event with the edits made.</summary>
        public readonly string Apply(ReadOnlySpan<byte> json)
        {
            List<((int Start, int End) Range, byte[] With)> ordered = edits ?? [];
            int length = json.Length;
            foreach (((int start, int end), byte[] with) in ordered)
            {
                length += with.Length - (end - start);
            }

            byte[] rented = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                Span<byte> output = rented.AsSpan(0, length);
                int from = 0, to = 0;
                foreach (((int start, int end), byte[] with) in ordered)
                {
                    json[from..start].CopyTo(output[to..]);
                    to += start - from;
                    with.CopyTo(output[to..]);
                    to += with.Length;
                    from = end;
                }

                json[from..].CopyTo(output[to..]);
                return Encoding.UTF8.GetString(output);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
