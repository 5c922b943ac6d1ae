using CloudNative.CloudEvents;
using System.Security.Cryptography;
using System.Text;
using FunctionsSequence.Core.Api;

namespace FunctionsSequence.Core.DeadLetters;

/// <summary>
/// A dead-lettered event as the <see cref="IDeadLetterStore"/> keeps it: the event the failed hop
/// was given, where it was going, why it failed, and how far redrive has got with it.
/// </summary>
/// <param name="Id">The record's key (<see cref="KeyOf(Hop, string, string)"/>): one per hop, source and event id.</param>
/// <param name="Hop">The hop that failed: where a redrive sends the event back to.</param>
/// <param name="Destination">What the hop's destination was (<c>knativeerrordest</c>).</param>
/// <param name="Event">The hop's input event, structured-mode JSON, without Knative's error extensions; a Trigger's with its Broker hop counter, as its dead letter carries it.</param>
/// <param name="StatusCode">The last attempt's status; 0 for a transport error.</param>
/// <param name="Error">What went wrong at the last attempt.</param>
/// <param name="Attempts">How many attempts were made.</param>
/// <param name="DeadLetteredAt">When it was (last) dead-lettered.</param>
/// <param name="Origin">Where it was found: <c>dead-letter sink</c>, or the Event Grid dead-letter blob it came from.</param>
/// <param name="State">How far redrive has got.</param>
/// <param name="Redrives">How many redrives were claimed; the current one's number when <see cref="DeadLetterState.Redriving"/>. A record handed to <see cref="IDeadLetterStore.RecordAsync"/> carries the number of the redrive whose run dead-lettered it (0: not a redrive's run).</param>
/// <param name="RedrivenAt">When the last redrive was claimed.</param>
/// <param name="RedriveResult">What the last redrive came to.</param>
/// <param name="Version">The stored version (a table ETag), for updates that must not overwrite another's.</param>
public sealed record DeadLetterRecord(
    string Id,
    Hop Hop,
    string Destination,
    string Event,
    int StatusCode,
    string? Error,
    int Attempts,
    DateTimeOffset DeadLetteredAt,
    string Origin,
    DeadLetterState State = DeadLetterState.DeadLettered,
    int Redrives = 0,
    DateTimeOffset? RedrivenAt = null,
    string? RedriveResult = null,
    string Version = "")
{
    /// <summary>The origin of events the dead-letter activity records.</summary>
    public const string SinkOrigin = "dead-letter sink";

    /// <summary>The key of <paramref name="cloudEvent"/> dead-lettered at <paramref name="hop"/> (<see cref="KeyOf(Hop, string, string)"/>).</summary>
    public static string KeyOf(Hop hop, CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return KeyOf(hop, cloudEvent.Source?.ToString() ?? "", cloudEvent.Id ?? "");
    }

    /// <summary>
    /// The key of event <paramref name="eventId"/> from <paramref name="source"/> dead-lettered at
    /// <paramref name="hop"/>: the same event dead-lettered again at the same hop (an activity that
    /// runs again) is the same record.
    /// </summary>
    public static string KeyOf(Hop hop, string source, string eventId)
    {
        ArgumentNullException.ThrowIfNull(hop);
        string key = $"{hop.Kind}\n{hop.Name}\n{hop.Index}\n{hop.Role}\n{source}\n{eventId}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 8));
    }
}
