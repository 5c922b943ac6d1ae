using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Events;

/// <summary>Writes an event as an HTTP request, in binary or structured mode, and reads the reply.</summary>
public static class CloudEventHttpWriter
{
    /// <summary>A POST carrying the event in binary mode: attributes as ce-* headers, data as the body.</summary>
    public static HttpRequestMessage CreateBinaryRequest(Uri uri, CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var request = new HttpRequestMessage(HttpMethod.Post, uri);
        var content = new ByteArrayContent(CloudEventJson.GetDataBytes(cloudEvent));
        if (CloudEventAttributes.DataContentType(cloudEvent) is { } contentType)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        content.Headers.TryAddWithoutValidation("ce-specversion", cloudEvent.SpecVersion.VersionId);
        foreach ((CloudEventAttribute attribute, object value) in cloudEvent.GetPopulatedAttributes())
        {
            if (attribute.Name is "datacontenttype")
            {
                continue;
            }

            content.Headers.TryAddWithoutValidation("ce-" + attribute.Name, Encode(attribute.Format(value)));
        }

        request.Content = content;
        return request;
    }

    /// <summary>A POST carrying the event in structured mode: the whole event as JSON, <c>Content-Type: application/cloudevents+json</c>.</summary>
    public static HttpRequestMessage CreateStructuredRequest(Uri uri, CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new StringContent(CloudEventJson.Encode(cloudEvent), Encoding.UTF8, MediaTypes.Structured),
        };
    }

    /// <summary>
    /// The event in a reply (<paramref name="response"/>, whose body is <paramref name="body"/>), as
    /// <see cref="CloudEventMessageReader.ReadReply"/> reads it; a header sent twice counts by its
    /// first value, as the Go SDK Knative uses reads it.
    /// </summary>
    public static CloudEventRead ParseReply(HttpResponseMessage response, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(response);
        return CloudEventMessageReader.ReadReply(
            body, response.Content.Headers.ContentType?.ToString(), response.Headers.Concat(response.Content.Headers).Select(h => KeyValuePair.Create(h.Key, h.Value.FirstOrDefault() ?? string.Empty)));
    }

    // The HTTP binding: space, '"', '%' and anything outside printable ASCII MUST be percent-encoded, as UTF-8 bytes,
    // and nothing else (a value's leading or trailing space would otherwise be lost as HTTP trims it).
    private static string Encode(string value)
    {
        if (value.All(c => !MustEncode(c)))
        {
            return value;
        }

        var encoded = new StringBuilder(value.Length * 2);
        Span<byte> bytes = stackalloc byte[4];
        for (int i = 0; i < value.Length; i++)
        {
            if (!MustEncode(value[i]))
            {
                encoded.Append(value[i]);
                continue;
            }

            int width = char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) ? 2 : 1;
            int count = Encoding.UTF8.GetBytes(value.AsSpan(i, width), bytes);
            foreach (byte b in bytes[..count])
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }

            i += width - 1;
        }

        return encoded.ToString();
    }

    private static bool MustEncode(char c) => c is <= ' ' or > '~' or '%' or '"';
}
