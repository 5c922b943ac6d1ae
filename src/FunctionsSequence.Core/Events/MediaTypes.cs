namespace FunctionsSequence.Core.Events;

/// <summary>The CloudEvents HTTP media types.</summary>
public static class MediaTypes
{
    /// <summary>JSON data, and what data without a content type is taken to be.</summary>
    public const string Json = "application/json";

    /// <summary>Structured mode: one event as JSON.</summary>
    public const string Structured = "application/cloudevents+json";

    /// <summary>Batch mode: a JSON array of events (what the Event Grid SDK always sends).</summary>
    public const string Batch = "application/cloudevents-batch+json";

    /// <summary>RFC 7807 problem details, for every rejected request.</summary>
    public const string Problem = "application/problem+json";

    /// <summary>The media type of a Content-Type header, lower case, without its parameters; empty for none.</summary>
    public static string Of(string? contentType) => contentType?.Split(';')[0].Trim().ToLowerInvariant() ?? string.Empty;
}
