using System.Globalization;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.DeadLetters;

/// <summary>
/// Event Grid's dead-letter blobs, read as dead letters. Event Grid writes what a subscription
/// could not deliver to <c>{container}/[TOPIC/]SUBSCRIPTION/yyyy/M/d/H/{guid}.json</c> (the
/// subscription name upper-cased, the date and hour UTC and not zero-padded), each blob a JSON
/// array of events. The subscriptions (one per Trigger, named after it) deliver CloudEvents 1.0,
/// so each item is the CloudEvent with Event Grid's top-level attributes added:
/// <c>deadletterreason</c>, <c>deliveryattempts</c>, <c>lastdeliveryoutcome</c>,
/// <c>lasthttpstatuscode</c>, <c>publishtime</c>, <c>lastdeliveryattempttime</c>.
/// </summary>
public static class EventGridDeadLetters
{
    /// <summary>The container infra/ gives the subscriptions' dead letters.</summary>
    public const string DefaultContainer = "deadletters";

    private static readonly string[] DeadLetterAttributes =
        ["deadletterreason", "deliveryattempts", "lastdeliveryoutcome", "lasthttpstatuscode", "publishtime", "lastdeliveryattempttime"];

    /// <summary>
    /// The Trigger whose subscription wrote blob <paramref name="blobName"/>: the segment before
    /// the date and hour, lower-cased (Trigger names are lower-case); null when the name does not
    /// have Event Grid's layout.
    /// </summary>
    public static string? TriggerOf(string blobName)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        string[] segments = blobName.Split('/');
        if (segments.Length < 6 || !segments[^1].EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            || !segments[^5..^1].All(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return null;
        }

        return segments[^6].ToLowerInvariant();
    }

    /// <summary>
    /// The dead letters in blob <paramref name="origin"/> (<paramref name="content"/>, written at
    /// <paramref name="written"/>) of Trigger <paramref name="trigger"/>'s subscription, each with
    /// that Trigger's subscriber as its hop and the event without Event Grid's attributes. An item
    /// that is not a CloudEvent is named in <c>Unread</c> (by its index in the array, saying why) and the others are read.
    /// </summary>
    /// <exception cref="FormatException">The blob is not a JSON array.</exception>
    /// <exception cref="System.Text.Json.JsonException">The blob is not JSON.</exception>
    public static (IReadOnlyList<DeadLetterRecord> Records, IReadOnlyList<string> Unread) Read(string origin, string trigger, string content, DateTimeOffset written)
    {
        JsonArray items = (JsonNode.Parse(content) as JsonArray)
            ?? throw new FormatException("not a JSON array of events, as Event Grid writes dead letters");
        var records = new List<DeadLetterRecord>(items.Count);
        var unread = new List<string>();
        for (int i = 0; i < items.Count; i++)
        {
            try
            {
                if (items[i] is not JsonObject item)
                {
                    unread.Add($"item {i} is not a JSON object; left out");
                }
                else if (!item.ContainsKey("specversion"))
                {
                    unread.Add($"item {i} is not a CloudEvent (no specversion): the subscriptions deliver CloudEvents 1.0 (infra/modules/eventgrid-subscriptions.bicep); left out");
                }
                else
                {
                    records.Add(Record(origin, trigger, item, written));
                }
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                // Also an object that repeats a key, which JsonObject refuses only when first looked into.
                unread.Add($"item {i} is not a valid CloudEvent: {ex.Message}; left out");
            }
        }

        return (records, unread);
    }

    private static DeadLetterRecord Record(string origin, string trigger, JsonObject item, DateTimeOffset written)
    {
        var failure = new Dictionary<string, JsonNode?>(StringComparer.OrdinalIgnoreCase);
        foreach (string name in item.Select(p => p.Key).Where(k => DeadLetterAttributes.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList())
        {
            failure[name] = item[name];
            item.Remove(name);
        }

        string json = item.ToJsonString();
        CloudEvent cloudEvent = CloudEventJson.Decode(json);
        Hop hop = Hop.Subscriber(trigger);
        string reason = $"{Text(failure, "deadletterreason") ?? "dead-lettered"} (last outcome {Text(failure, "lastdeliveryoutcome") ?? "unknown"})";
        DateTimeOffset at = Time(failure, "lastdeliveryattempttime") ?? Time(failure, "publishtime") ?? written;
        return new DeadLetterRecord(
            DeadLetterRecord.KeyOf(hop, cloudEvent),
            hop,
            $"Event Grid subscription {trigger}",
            CloudEventJson.Encode(cloudEvent),
            Number(failure, "lasthttpstatuscode") ?? 0,
            reason,
            Number(failure, "deliveryattempts") ?? 0,
            at,
            origin);
    }

    private static string? Text(Dictionary<string, JsonNode?> failure, string name) =>
        failure.GetValueOrDefault(name) is JsonValue value ? value.ToString() : null;

    private static int? Number(Dictionary<string, JsonNode?> failure, string name) =>
        failure.GetValueOrDefault(name) is JsonValue value && (value.TryGetValue(out int n) || int.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n)) ? n : null;

    private static DateTimeOffset? Time(Dictionary<string, JsonNode?> failure, string name) =>
        Text(failure, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t) ? t : null;
}
