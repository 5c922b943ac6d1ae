using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Manifests;

/// <summary>
/// A Trigger whose subscriber is a Broker hands events on unchanged, so a ring of such Triggers (one
/// on a Broker back to itself, or A to B and B back to A) sends every event that all of its filters
/// match round until the hop limit drops it. Each ring is reported once, as a warning at its first
/// Trigger: filters that never match together make it harmless.
/// </summary>
internal static class BrokerCycles
{
    public static void Report(ManifestSet set, Action<DiagnosticSeverity, SourceLocation, string?, string, string> report)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (TriggerResource trigger in set.Triggers)
        {
            if (ForwardsTo(trigger) is not { } target)
            {
                continue;
            }

            if (target == trigger.Broker)
            {
                report(DiagnosticSeverity.Warning, trigger.Metadata.Location, $"Trigger/{trigger.Name}", "spec.subscriber",
                    $"is its own Broker '{trigger.Broker}': every event it matches comes back unchanged, matches again and loops until the hop limit drops it");
                continue;
            }

            if (PathBack(set, target, trigger.Broker) is not { } back
                || !reported.Add(string.Join(',', back.Append(trigger).Select(t => t.Name).Order(StringComparer.Ordinal))))
            {
                continue;
            }

            string way = string.Join(", ", back.Select(t => $"Trigger/{t.Name}"));
            report(DiagnosticSeverity.Warning, trigger.Metadata.Location, $"Trigger/{trigger.Name}", "spec.subscriber",
                $"hands events to Broker '{target}' and {way} {(back.Count == 1 ? "hands them" : "hand them")} back to '{trigger.Broker}' unchanged: "
                + "an event that every filter on the way matches goes round until the hop limit drops it");
        }
    }

    private static string? ForwardsTo(TriggerResource trigger) =>
        trigger.Subscriber.Ref is { Kind: ResourceKind.Broker } broker ? broker.Name : null;

    /// <summary>The shortest chain of forwarding Triggers from Broker <paramref name="from"/> to Broker <paramref name="to"/>, or null.</summary>
    private static List<TriggerResource>? PathBack(ManifestSet set, string from, string to)
    {
        var reachedBy = new Dictionary<string, TriggerResource>(StringComparer.Ordinal);
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out string? broker))
        {
            foreach (TriggerResource trigger in set.TriggersOf(broker))
            {
                if (ForwardsTo(trigger) is not { } next || next == from || !reachedBy.TryAdd(next, trigger))
                {
                    continue;
                }

                if (next == to)
                {
                    var path = new List<TriggerResource>();
                    for (string at = to; at != from; at = reachedBy[at].Broker)
                    {
                        path.Insert(0, reachedBy[at]);
                    }

                    return path;
                }

                queue.Enqueue(next);
            }
        }

        return null;
    }
}
