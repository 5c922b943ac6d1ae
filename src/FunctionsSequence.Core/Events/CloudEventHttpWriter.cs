using System.Net;
using System.Net.Http.Headers;
using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Events;

/// <summary>Writes an event as an HTTP binary-mode request, and reads a binary or structured reply.</summary>
public static class CloudEventHttpWriter
{
    /// <summary>A POST carrying the event in binary mode: attributes as ce-* headers, data as the body.</summary>
    public static HttpRequestMessage CreateBinaryRequest(Uri uri, CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var request = new HttpRequestMessage(HttpMethod.Post, uri);
        var content = new ByteArrayContent(CloudEventJson.GetDataBytes(cloudEvent));
        if (cloudEvent.DataContentType is { } contentType)
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

    /// <summary>The CloudEvent in a response whose body is <paramref name="body"/>, or null when it is empty or not a CloudEvent.</summary>
    public static CloudEvent? ParseReply(HttpResponseMessage response, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(body);
        string? contentType = response.Content.Headers.ContentType?.ToString();
        string media = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
        try
        {
            if (media.Equals(MediaTypes.Structured, StringComparison.OrdinalIgnoreCase) && body.Length > 0)
            {
                return CloudEventJson.Formatter.DecodeStructuredModeMessage(body, new System.Net.Mime.ContentType(contentType!), null);
            }

            IEnumerable<string>? versions = response.Headers.TryGetValues("ce-specversion", out var h) ? h
                : response.Content.Headers.TryGetValues("ce-specversion", out var ch) ? ch : null;
            if (versions?.FirstOrDefault() is not { } version || CloudEventsSpecVersion.FromVersionId(version) is not { } spec)
            {
                return null;
            }

            var cloudEvent = new CloudEvent(spec);
            foreach ((string name, IEnumerable<string> values) in response.Headers.Concat(response.Content.Headers))
            {
                if (name.StartsWith("ce-", StringComparison.OrdinalIgnoreCase) && !name.Equals("ce-specversion", StringComparison.OrdinalIgnoreCase))
                {
                    cloudEvent.SetAttributeFromString(name[3..].ToLowerInvariant(), WebUtility.UrlDecode(string.Join(",", values).Replace("+", "%2B", StringComparison.Ordinal)));
                }
            }

            CloudEventJson.SetData(cloudEvent, body, contentType);
            return cloudEvent.IsValid ? cloudEvent : null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Encode(string value) =>
        value.All(c => c is >= ' ' and <= '~' && c != '%' && c != '"') ? value : Uri.EscapeDataString(value);
}
