using System.Text.Encodings.Web;
using System.Text.Json;
using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Events;

/// <summary>
/// What is wrong with an event's attributes, in plain words that name the attribute (or the header
/// it came in) and quote the value: one wording wherever an event is read. A message starts in
/// lower case and has no final period, so that a caller can say first which event it is about.
/// </summary>
public static class AttributeErrors
{
    private const int MaxQuoted = 100;

    /// <summary>
    /// Why the event refused <paramref name="text"/> for attribute <paramref name="name"/> (an
    /// unusable name, an empty or ill-formed value). <paramref name="subject"/> says where it came
    /// from: <c>attribute 'time'</c>, <c>header ce-time</c>.
    /// </summary>
    public static string Invalid(string subject, CloudEvent cloudEvent, string name, string text)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        ArgumentNullException.ThrowIfNull(text);
        if (cloudEvent.GetAttribute(name) is not { } attribute)
        {
            // The SDK refuses to make an extension of this name.
            return name.Length > 0 && name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9')
                ? $"{subject} uses '{name}', a name CloudEvents reserves"
                : $"{subject} is not a valid attribute name: names are lowercase letters a-z and digits 0-9";
        }

        if (text.Length == 0)
        {
            return $"{subject} must not be empty";
        }

        string quoted = Quote(text);
        CloudEventAttributeType type = attribute.Type;
        return attribute == cloudEvent.SpecVersion.DataContentTypeAttribute ? $"{subject} is {quoted}, not a media type such as \"application/json\""
            : type == CloudEventAttributeType.Timestamp ? $"{subject} is {quoted}, not an RFC 3339 timestamp such as \"2019-09-04T02:31:00Z\""
            : type == CloudEventAttributeType.UriReference ? $"{subject} is {quoted}, not a URI reference"
            : type == CloudEventAttributeType.Uri ? $"{subject} is {quoted}, not an absolute URI"
            : type == CloudEventAttributeType.Integer ? NotAnInteger(subject, quoted)
            : type == CloudEventAttributeType.Boolean ? $"{subject} is {quoted}, not true or false"
            : $"{subject} is {quoted}, which CloudEvents does not allow";
    }

    /// <summary>A number an integer attribute cannot hold (<paramref name="shown"/> as it should be shown).</summary>
    public static string NotAnInteger(string subject, string shown) =>
        $"{subject} is {shown}, not a whole number from {int.MinValue} to {int.MaxValue}";

    /// <summary>A JSON token of the wrong kind for an attribute of <paramref name="type"/> (null: an extension, of any type).</summary>
    public static string WrongToken(string subject, CloudEventAttributeType? type, JsonValueKind kind)
    {
        string expected = type == CloudEventAttributeType.Boolean ? "true or false"
            : type == CloudEventAttributeType.Integer ? "a JSON number"
            : type is null ? "a JSON string, number or boolean"
            : "a JSON string";
        return $"{subject} must be {expected}, not {JsonErrors.Kind(kind)}";
    }

    /// <summary>A spec version this receiver does not speak.</summary>
    public static string UnsupportedVersion(string subject, string text) =>
        $"{subject} is {Quote(text)}, and this receiver speaks CloudEvents {CloudEventsSpecVersion.Default.VersionId} only";

    /// <summary>
    /// The required attributes (<c>id</c>, <c>source</c>, <c>type</c>) the event lacks, in the
    /// spec's order; empty when it has them all.
    /// </summary>
    public static IReadOnlyList<string> MissingRequired(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        // This runs per event and step: a valid event costs the SDK's own check, the names only a refusal.
        return cloudEvent.IsValid && cloudEvent.Id is not "" && cloudEvent.Type is not ""
            ? []
            : [.. cloudEvent.SpecVersion.RequiredAttributes.Where(a => cloudEvent[a] is null or "").Select(a => a.Name)];
    }

    /// <summary>
    /// <c>missing required attribute 'type'</c>, or, when they came as headers (binary mode),
    /// <c>missing required headers ce-id and ce-type</c>.
    /// </summary>
    public static string Missing(IReadOnlyList<string> names, bool headers)
    {
        ArgumentNullException.ThrowIfNull(names);
        string[] shown = [.. names.Select(n => headers ? "ce-" + n : $"'{n}'")];
        return $"missing required {(headers ? "header" : "attribute")}{(shown.Length == 1 ? string.Empty : "s")} {List(shown)}";
    }

    /// <summary><c>a</c>, <c>a and b</c>, <c>a, b and c</c>: names in a sentence.</summary>
    public static string List(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
    }

    /// <summary>A value in double quotes, JSON-escaped (so a control character cannot break a log line), cut at 100 characters.</summary>
    public static string Quote(string text) => $"\"{Escaped(text)}\"";

    /// <summary>A name from outside (a JSON property, a route's name) in single quotes, escaped and cut as <see cref="Quote"/>.</summary>
    public static string Name(string name) => $"'{Escaped(name)}'";

    private static string Escaped(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int length = text.Length > MaxQuoted && char.IsHighSurrogate(text[MaxQuoted - 1]) ? MaxQuoted - 1 : MaxQuoted;
        string cut = text.Length > MaxQuoted ? text[..length] + "…" : text;
        return JsonEncodedText.Encode(cut, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
    }
}
