using System.Net.Mime;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Events;

/// <summary>
/// Reads the JSON body of a structured-mode or batch-mode message. A refusal says where (the body,
/// or which event: its index in the batch and its id) and what is wrong, in plain sentences.
/// </summary>
public static class StructuredBodyReader
{
    /// <summary>The bad events of a batch named one by one; past these, only counted.</summary>
    private const int MaxNamed = 3;

    /// <summary>The events of the body, or the sentences that say what is wrong; a batch is all or nothing.</summary>
    public static CloudEventRead Read(byte[] body, string contentType, bool batch)
    {
        string refused = batch ? " Nothing of the batch was accepted." : string.Empty;
        if (Utf8(body, contentType, out string? problem) is not { } json)
        {
            return Refuse(problem + refused);
        }

        if (json.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return Refuse(batch
                ? "The body is empty; a batch is a JSON array of CloudEvents."
                : "The body is empty; structured mode carries the event as a JSON object.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            return Refuse(JsonErrors.NestsTooDeep(json.Span)
                ? $"The body's JSON nests deeper than {JsonErrors.DefaultMaxDepth} levels, the most this receiver reads.{refused}"
                : $"The body is not valid JSON: {JsonErrors.Syntax(ex, json.Span)}.{refused}");
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (!batch)
            {
                return DecodeElement(root, index: null, out CloudEvent? single) is { } error ? Refuse(error) : CloudEventRead.Of([single!]);
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                return Refuse($"A batch is a JSON array of CloudEvents, and the body is {JsonErrors.Kind(root.ValueKind)}.{refused}");
            }

            var events = new List<CloudEvent>(root.GetArrayLength());
            List<string>? errors = null;
            int bad = 0, index = 0;
            foreach (JsonElement element in root.EnumerateArray())
            {
                if (DecodeElement(element, index, out CloudEvent? cloudEvent) is { } error)
                {
                    if (++bad <= MaxNamed)
                    {
                        (errors ??= []).Add(error);
                    }
                }
                else
                {
                    events.Add(cloudEvent!);
                }

                index++;
            }

            string more = bad > MaxNamed ? $" {bad - MaxNamed} more of its events are invalid too." : string.Empty;
            return bad == 0 ? CloudEventRead.Of(events) : Refuse(string.Join(' ', errors!) + more + refused);
        }
    }

    /// <summary>
    /// Null with the event, or the sentence that says what is wrong with it: which event (its
    /// <paramref name="index"/> in a batch, its id), and why. Every reader of a batch's events names them so.
    /// With <paramref name="fromSender"/>, a <c>source</c> Knative's ingress would refuse is refused (<see cref="UriReferences"/>);
    /// an event a Broker's Event Grid topic holds was taken already, and is not checked again.
    /// </summary>
    public static string? DecodeElement(JsonElement element, int? index, out CloudEvent? cloudEvent, bool fromSender = true)
    {
        try
        {
            cloudEvent = CloudEventJson.Decode(element);
            if (fromSender && cloudEvent.Source is { } source && !UriReferences.IsWellFormed(source.OriginalString))
            {
                const string name = "source";
                throw new ArgumentException(AttributeErrors.Invalid($"attribute {AttributeErrors.Name(name)}", cloudEvent, name, source.OriginalString));
            }

            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            cloudEvent = null;
            string named = element.ValueKind == JsonValueKind.Object
                && element.TryGetProperty(CloudEventsSpecVersion.Default.IdAttribute.Name, out JsonElement id)
                && id.ValueKind == JsonValueKind.String && JsonErrors.TryText(id, out string? text) && text.Length > 0
                ? $" (id {AttributeErrors.Quote(text)})"
                : string.Empty;
            string where = index is { } i ? $"The event at index {i} of the batch" : "The event";
            return $"{where}{named}: {ex.Message}.";
        }
    }

    /// <summary>
    /// The body as UTF-8, decoded from the Content-Type's charset when it names another (as the
    /// SDK's formatter reads it), without a byte order mark; null with the problem when the
    /// Content-Type cannot be read.
    /// </summary>
    private static ReadOnlyMemory<byte>? Utf8(byte[] body, string contentType, out string? problem)
    {
        problem = null;
        string? charset;
        try
        {
            charset = new ContentType(contentType).CharSet;
        }
        catch (FormatException)
        {
            problem = $"The Content-Type header {AttributeErrors.Quote(contentType)} is not a valid media type.";
            return null;
        }

        Encoding encoding;
        try
        {
            encoding = string.IsNullOrEmpty(charset) ? Encoding.UTF8 : Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            problem = $"The Content-Type header names charset {AttributeErrors.Quote(charset!)}, which this receiver does not know; send UTF-8.";
            return null;
        }

        ReadOnlyMemory<byte> json = encoding is UTF8Encoding ? body : Encoding.UTF8.GetBytes(encoding.GetString(body));
        return json.Span.StartsWith(Encoding.UTF8.Preamble) ? json[Encoding.UTF8.Preamble.Length..] : json;
    }

    private static CloudEventRead Refuse(string detail) => CloudEventRead.Refused(detail);
}
