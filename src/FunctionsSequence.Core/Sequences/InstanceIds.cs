using System.Security.Cryptography;
using System.Text;
using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Sequences;

/// <summary>
/// Orchestration instance ids derived from the event's identity (source + id, as CloudEvents
/// defines it) and the target. An activity that replays starts the same instance again, which the
/// engine refuses as a duplicate: at-least-once activities, but each event enters a target once.
/// </summary>
public static class InstanceIds
{
    /// <summary>The instance id for <paramref name="cloudEvent"/> entering Sequence <paramref name="sequence"/>.</summary>
    public static string ForSequence(string sequence, CloudEvent cloudEvent, int? ttl) => Make("seq", sequence, cloudEvent, ttl);

    /// <summary>The instance id for <paramref name="cloudEvent"/> delivered by Trigger <paramref name="trigger"/>.</summary>
    public static string ForTrigger(string trigger, CloudEvent cloudEvent, int ttl) => Make("trg", trigger, cloudEvent, ttl);

    /// <summary>The instance id of a batch run (<paramref name="kind"/> seqb or trgb) of <paramref name="target"/>: derived from its events' own ids, in order.</summary>
    public static string ForBatch(string kind, string target, IEnumerable<string> memberIds)
    {
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', memberIds))).AsSpan(0, 12));
        return $"{kind}:{target}:{hash}";
    }

    private static string Make(string kind, string target, CloudEvent cloudEvent, int? ttl)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        // The hop counter is part of the key: a looping event is a new pass, not a duplicate.
        string key = $"{cloudEvent.Source}\n{cloudEvent.Id}\n{ttl}";
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 12));
        return $"{kind}:{target}:{hash}";
    }
}
