using System.Security.Cryptography;
using System.Text;
using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Durable;

/// <summary>
/// Orchestration instance ids derived from the event's identity (source + id, as CloudEvents
/// defines it) and the target. An activity that replays starts the same instance again, which is
/// recognised as a duplicate: at-least-once activities, but each event enters a target once.
/// </summary>
public static class InstanceIds
{
    /// <summary>
    /// The id of <paramref name="cloudEvent"/> entering <paramref name="target"/>, and of its run when it is admitted
    /// alone. <paramref name="via"/> names the hop of the pipeline that hands it over (null from outside): the same
    /// event handed over by two Triggers, or by two branches, is two deliveries, as in Knative, while the same hop
    /// handing it over again (an activity that runs again) is one.
    /// </summary>
    public static string For(RunTarget target, CloudEvent cloudEvent, int? brokerTtl, string? via = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(cloudEvent);
        // The hop counter is part of the key: a looping event is a new pass, not a duplicate.
        string key = $"{cloudEvent.Source}\n{cloudEvent.Id}\n{brokerTtl}";
        return Make(target.Prefix, target.Name, via is null ? key : $"{key}\n{via}");
    }

    /// <summary>
    /// The id of <paramref name="cloudEvent"/> redriven into <paramref name="target"/> for the
    /// <paramref name="redrive"/>th time from dead letter <paramref name="record"/>: apart from the
    /// event's own, so a redrive runs though the event ran before, and the same for every attempt
    /// at one redrive, so that redrive runs once.
    /// </summary>
    public static string ForRedrive(RunTarget target, CloudEvent cloudEvent, string record, int redrive)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return Make(target.Prefix + "r", target.Name, $"{cloudEvent.Source}\n{cloudEvent.Id}\n{record}\n{redrive}");
    }

    /// <summary>The id of a run shared by several events: derived from their own ids, in order.</summary>
    public static string ForShared(RunTarget target, IEnumerable<string> memberIds)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Make(target.Prefix + "b", target.Name, string.Join('\n', memberIds));
    }

    private static string Make(string kind, string target, string key)
    {
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 12));
        return $"{kind}:{target}:{hash}";
    }
}
