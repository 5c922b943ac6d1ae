using System.Text;
using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Events;

/// <summary>
/// Reads the CloudEvents of an HTTP message, a request to an ingress or a step's reply, from its
/// body, Content-Type and <c>ce-*</c> headers, in binary, structured or batch mode: one reader, so
/// a bad event is refused in the same words (what, where, why) wherever it comes from.
/// </summary>
internal static class CloudEventMessageReader
{
    private const string SpecVersionHeader = "ce-specversion";

    private static readonly string[] RequiredHeaders = [.. CloudEventsSpecVersion.Default.RequiredAttributes.Select(a => "ce-" + a.Name)];

    // The versions Knative's SDK reads in a reply's ce-specversion.
    private const string KnativeVersion03 = "0.3";
    private const string KnativeVersion10 = "1.0";

    /// <summary>
    /// The events of a message: from its body with a CloudEvents media type, else from its
    /// <c>ce-*</c> headers and body (binary mode, which <c>ce-*</c> headers without
    /// <c>ce-specversion</c> mean too, refused for the missing header); else not a CloudEvent.
    /// </summary>
    /// <param name="body">The body, whole.</param>
    /// <param name="contentType">The Content-Type header, if any.</param>
    /// <param name="headers">The message's headers, each with its values joined by commas.</param>
    public static CloudEventRead Read(byte[] body, string? contentType, IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Read(body, contentType, MediaTypes.Of(contentType), headers, reply: false);
    }

    /// <summary>
    /// The event of a step's or subscriber's reply, read as <see cref="Read(byte[], string?, IEnumerable{KeyValuePair{string, string}})"/>
    /// reads a request, except where Knative's dispatcher reads a reply differently: an empty body,
    /// or <c>ce-*</c> headers without a <c>ce-specversion</c> of a version Knative knows (0.3, 1.0),
    /// claim no CloudEvent (the chain ends there); a batch is refused, as a reply is one event.
    /// </summary>
    public static CloudEventRead ReadReply(byte[] body, string? contentType, IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(body);
        string media = MediaTypes.Of(contentType);
        if (media is MediaTypes.Structured or MediaTypes.Batch && body.Length == 0)
        {
            return CloudEventRead.NotACloudEvent; // an empty answer, whatever its type
        }

        return media == MediaTypes.Batch
            ? CloudEventRead.Refused($"A reply is one event, in binary or structured mode, not a batch ({MediaTypes.Batch}).")
            : Read(body, contentType, media, headers, reply: true);
    }

    private static CloudEventRead Read(byte[] body, string? contentType, string media, IEnumerable<KeyValuePair<string, string>> headers, bool reply)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (media is MediaTypes.Batch or MediaTypes.Structured)
        {
            return StructuredBodyReader.Read(body, contentType!, batch: media == MediaTypes.Batch);
        }

        List<KeyValuePair<string, string>>? attributes = null;
        foreach (KeyValuePair<string, string> header in headers)
        {
            if (header.Key.StartsWith("ce-", StringComparison.OrdinalIgnoreCase))
            {
                (attributes ??= new(8)).Add(header); // a binary-mode event's usual ce-* headers, without growing
            }
        }

        return attributes is null ? CloudEventRead.NotACloudEvent : ReadBinary(attributes, body, contentType, reply);
    }

    /// <summary>Binary mode: the attributes in <c>ce-*</c> headers, the body is the data.</summary>
    private static CloudEventRead ReadBinary(List<KeyValuePair<string, string>> attributes, byte[] body, string? contentType, bool reply)
    {
        string? version = Header(attributes, SpecVersionHeader);
        if (reply && version is not (KnativeVersion03 or KnativeVersion10))
        {
            // Knative's dispatcher drops a reply whose encoding it cannot tell; a 0.3 reply it would
            // forward is refused below (this SDK reads 1.0 only), loudly rather than dropped.
            return CloudEventRead.NotACloudEvent;
        }

        // A required header sent empty is said to be empty, not missing: the sender sees it is there.
        List<string>? empty = null;
        foreach (string header in RequiredHeaders)
        {
            if (Header(attributes, header) is { } value && string.IsNullOrWhiteSpace(value))
            {
                (empty ??= []).Add(header);
            }
        }

        if (version is null)
        {
            // Binary mode meant, as the ce-* headers show; Knative's broker ingress refuses it with 400 too.
            List<string> missing = [CloudEventsSpecVersion.SpecVersionAttribute.Name];
            missing.AddRange(CloudEventsSpecVersion.Default.RequiredAttributes
                .Select(a => a.Name)
                .Where(name => Header(attributes, "ce-" + name) is null));
            return Refuse(AttributeErrors.Missing(missing, headers: true) + Empty(empty, "; "));
        }

        if (empty is not null)
        {
            return Refuse(Empty(empty, string.Empty));
        }

        if (CloudEventsSpecVersion.FromVersionId(version) is not { } spec)
        {
            return Refuse(AttributeErrors.UnsupportedVersion("header " + SpecVersionHeader, version));
        }

        var cloudEvent = new CloudEvent(spec);
        foreach ((string header, string text) in attributes)
        {
            if (header.Equals(SpecVersionHeader, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            string name = header[3..].ToLowerInvariant();
            // The HTTP binding: a value is first unescaped of RFC 7230's double-quoted strings (older senders wrote them), then
            // percent-decoded once (values that are not printable ASCII are sent so); most values have neither.
            string unquoted = text.Contains('"', StringComparison.Ordinal) ? Unquote(text) : text;
            if ((unquoted.Contains('%', StringComparison.Ordinal) ? PercentDecode(unquoted) : unquoted) is not { } value)
            {
                return Refuse($"header {header} holds percent-encoded bytes that are not UTF-8, which the CloudEvents HTTP binding says to reject");
            }

            try
            {
                cloudEvent.SetAttributeFromString(name, value);
            }
            catch (ArgumentException)
            {
                return Refuse(AttributeErrors.Invalid("header " + header, cloudEvent, name, value));
            }

            // Percent-escapes and all, as Knative's Go SDK parses the header's own text.
            if (name == "source" && !UriReferences.IsWellFormed(unquoted))
            {
                return Refuse(AttributeErrors.Invalid("header " + header, cloudEvent, name, unquoted));
            }
        }

        try
        {
            CloudEventJson.SetData(cloudEvent, body, contentType);
        }
        catch (ArgumentException)
        {
            // Content-Type is the event's datacontenttype in binary mode.
            return Refuse(AttributeErrors.Invalid("header Content-Type", cloudEvent, cloudEvent.SpecVersion.DataContentTypeAttribute.Name, contentType!));
        }

        IReadOnlyList<string> missingRequired = AttributeErrors.MissingRequired(cloudEvent);
        return missingRequired.Count == 0 ? CloudEventRead.Of([cloudEvent]) : Refuse(AttributeErrors.Missing(missingRequired, headers: true));
    }

    private static string? Header(List<KeyValuePair<string, string>> attributes, string name)
    {
        foreach ((string key, string value) in attributes)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    private static string Empty(List<string>? headers, string before) => headers switch
    {
        null => string.Empty,
        [string one] => $"{before}header {one} must not be empty",
        _ => $"{before}headers {AttributeErrors.List(headers)} must not be empty",
    };

    /// <summary>
    /// A header value with each double-quoted string (RFC 7230, 3.2.6) replaced by its content, a backslash escaping the
    /// character after it. A quote that no other closes starts no quoted string, and stays in the value as written.
    /// </summary>
    private static string Unquote(string text)
    {
        var unquoted = new StringBuilder(text.Length);
        bool quoted = false;
        int openedAt = 0, writtenAt = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '"')
            {
                quoted = !quoted;
                (openedAt, writtenAt) = (i, unquoted.Length);
            }
            else if (quoted && c == '\\' && i + 1 < text.Length)
            {
                unquoted.Append(text[++i]);
            }
            else
            {
                unquoted.Append(c);
            }
        }

        return quoted ? unquoted.Remove(writtenAt, unquoted.Length - writtenAt).Append(text, openedAt, text.Length - openedAt).ToString() : unquoted.ToString();
    }

    /// <summary>
    /// A header value with its <c>%XX</c> sequences decoded as UTF-8 (a <c>%</c> without two hex digits stays as it is), or
    /// null when the bytes are not UTF-8. A <c>+</c> is itself: header values are not form data.
    /// </summary>
    private static string? PercentDecode(string text)
    {
        byte[] bytes = new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        int length = 0;
        for (int i = 0; i < text.Length;)
        {
            int percent = text.IndexOf('%', i);
            int end = percent < 0 ? text.Length : percent;
            length += Encoding.UTF8.GetBytes(text.AsSpan(i, end - i), bytes.AsSpan(length));
            if (percent < 0)
            {
                break;
            }

            bool escape = percent + 2 < text.Length && Uri.IsHexDigit(text[percent + 1]) && Uri.IsHexDigit(text[percent + 2]);
            bytes[length++] = escape ? (byte)((Uri.FromHex(text[percent + 1]) << 4) | Uri.FromHex(text[percent + 2])) : (byte)'%';
            i = percent + (escape ? 3 : 1);
        }

        try
        {
            return StrictUtf8.GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A refusal from a message in <see cref="AttributeErrors"/>' form, made a sentence.</summary>
    private static CloudEventRead Refuse(string message) =>
        CloudEventRead.Refused(char.ToUpperInvariant(message[0]) + message[1..] + ".");
}
