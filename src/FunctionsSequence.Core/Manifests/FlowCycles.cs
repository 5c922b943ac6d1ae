using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Manifests;

/// <summary>
/// Sequences and Parallels that hand events to one another (a step, a reply, a branch's subscriber or reply, or a
/// dead-letter sink naming another flow) with no Broker between them have no hop limit, here as in Knative, so a ring
/// of them sends an event round for ever. A ring is an error when nothing on it can stop an event (every step before a
/// hand-over is the built-in appender, no branch on it has a filter, and no hand-over is a dead-letter sink, which
/// takes only failures); a warning when a step that may answer nothing, a filter or a failure can end it. Each ring
/// is reported once, at the first of its flows in the manifests.
/// </summary>
internal static class FlowCycles
{
    /// <summary>A flow handing events to another: <paramref name="Field"/> of <paramref name="From"/> names <paramref name="To"/>.</summary>
    private sealed record HandOver(string From, string To, string Field, bool Certain);

    public static void Report(ManifestSet set, Action<DiagnosticSeverity, SourceLocation, string?, string, string> report)
    {
        List<HandOver> all = [.. set.Sequences.Values.SelectMany(s => Of(set, s)), .. set.Parallels.Values.SelectMany(p => Of(set, p))];
        // Each flow where the manifests declare it, in that order: a ring is reported at the first of its flows.
        List<(string Flow, SourceLocation Location)> flows =
        [
            .. set.Sequences.Values.Select(s => (Sequence(s.Name), s.Metadata.Location))
                .Concat(set.Parallels.Values.Select(p => (Parallel(p.Name), p.Metadata.Location)))
                .OrderBy(f => f.Location.File, StringComparer.Ordinal).ThenBy(f => f.Location.Line),
        ];
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (bool certain in new[] { true, false })
        {
            ILookup<string, HandOver> from = all.Where(h => h.Certain || !certain).ToLookup(h => h.From, StringComparer.Ordinal);
            foreach ((string start, SourceLocation location) in flows)
            {
                if (RingFrom(from, start) is not { } ring || !reported.Add(string.Join(',', ring.Select(h => h.From).Order(StringComparer.Ordinal))))
                {
                    continue;
                }

                string path = string.Join(" -> ", ring.Select(h => h.From).Append(start));
                // The field of a ring of one is the diagnostic's own.
                string fields = ring.Count == 1 ? string.Empty : $" ({string.Join(", ", ring.Select(h => $"{h.From} {h.Field}"))})";
                report(
                    certain ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
                    location,
                    start,
                    ring[0].Field,
                    certain
                        ? $"flows form a cycle ({path}) with no Broker on it to end it at the hop limit, and nothing on it drops an event: every event would run forever{fields}"
                        : $"flows form a cycle ({path}) with no Broker on it to end it at the hop limit: an event goes round for as long as the steps, filters and dead-letter sinks on the way pass it on{fields}");
            }
        }
    }

    private static string Sequence(string name) => $"Sequence/{name}";

    private static string Parallel(string name) => $"Parallel/{name}";

    /// <summary>
    /// What a Sequence hands on: its first step that is a flow (the run ends there, the flow takes the event over), else
    /// its reply. A step that is a Broker or the display ends the run before any of that.
    /// </summary>
    private static List<HandOver> Of(ManifestSet set, SequenceResource sequence)
    {
        string from = Sequence(sequence.Name);
        var handOvers = new List<HandOver>();
        bool certain = true;
        for (int i = 0; i < sequence.Steps.Count; i++)
        {
            Destination step = sequence.Steps[i].Destination;
            if (Flow(set, sequence.Steps[i].Delivery?.DeadLetterSink) is { } sink)
            {
                handOvers.Add(new HandOver(from, sink, $"spec.steps[{i}].delivery.deadLetterSink", Certain: false));
            }

            if (Flow(set, step) is { } target)
            {
                handOvers.Add(new HandOver(from, target, $"spec.steps[{i}]", certain));
                return handOvers;
            }

            if (RunTarget.TakesOver(step) || Runtime(set, step) == ServiceRuntime.Display)
            {
                return handOvers;
            }

            certain &= Runtime(set, step) == ServiceRuntime.Appender;
        }

        if (Flow(set, sequence.Reply) is { } reply)
        {
            handOvers.Add(new HandOver(from, reply, "spec.reply", certain));
        }

        return handOvers;
    }

    /// <summary>
    /// What each branch of a Parallel hands on: its subscriber when that is a flow, else its reply (the branch's or the
    /// Parallel's), and its dead-letter sink. A branch whose filter is the display passes nothing.
    /// </summary>
    private static IEnumerable<HandOver> Of(ManifestSet set, ParallelResource parallel)
    {
        for (int i = 0; i < parallel.Branches.Count; i++)
        {
            ParallelBranch branch = parallel.Branches[i];
            bool unfiltered = branch.Filter is null;
            if (branch.Filter is { } filter && Runtime(set, filter) == ServiceRuntime.Display)
            {
                continue;
            }

            if (Flow(set, branch.Delivery?.DeadLetterSink) is { } sink)
            {
                yield return new HandOver(Parallel(parallel.Name), sink, $"spec.branches[{i}].delivery.deadLetterSink", Certain: false);
            }

            if (Flow(set, branch.Subscriber) is { } target)
            {
                yield return new HandOver(Parallel(parallel.Name), target, $"spec.branches[{i}].subscriber", unfiltered);
            }
            else if (!RunTarget.TakesOver(branch.Subscriber) && Runtime(set, branch.Subscriber) != ServiceRuntime.Display
                && Flow(set, branch.Reply ?? parallel.Reply) is { } reply)
            {
                yield return new HandOver(Parallel(parallel.Name), reply, branch.Reply is null ? "spec.reply" : $"spec.branches[{i}].reply",
                    unfiltered && Runtime(set, branch.Subscriber) == ServiceRuntime.Appender);
            }
        }
    }

    private static string? Flow(ManifestSet set, Destination? destination) => destination?.Ref switch
    {
        { Kind: ResourceKind.Sequence } s when set.Sequences.ContainsKey(s.Name) => Sequence(s.Name),
        { Kind: ResourceKind.Parallel } p when set.Parallels.ContainsKey(p.Name) => Parallel(p.Name),
        _ => null,
    };

    private static ServiceRuntime? Runtime(ManifestSet set, Destination destination) =>
        destination.Ref is { Kind: ResourceKind.Service } s && set.Services.TryGetValue(s.Name, out ServiceResource? service) ? service.Runtime : null;

    /// <summary>The shortest ring of hand-overs from <paramref name="start"/> back to it, or null.</summary>
    private static List<HandOver>? RingFrom(ILookup<string, HandOver> from, string start)
    {
        var reachedBy = new Dictionary<string, HandOver>(StringComparer.Ordinal);
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out string? flow))
        {
            foreach (HandOver handOver in from[flow])
            {
                if (handOver.To != start && !reachedBy.TryAdd(handOver.To, handOver))
                {
                    continue;
                }

                if (handOver.To == start)
                {
                    var ring = new List<HandOver> { handOver };
                    for (string at = handOver.From; at != start; at = reachedBy[at].From)
                    {
                        ring.Insert(0, reachedBy[at]);
                    }

                    return ring;
                }

                queue.Enqueue(handOver.To);
            }
        }

        return null;
    }
}
