using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Manifests;

/// <summary>Checks that need every resource at hand: refs (<see cref="ReferenceValidator"/>, a Trigger's Broker among them), rings of Sequences and Parallels (<see cref="FlowCycles"/>), Trigger loops (<see cref="BrokerCycles"/>), <c>cesql</c> names that look like typos (<see cref="CesqlAttributeNames"/>).</summary>
internal static class ManifestValidator
{
    /// <param name="set">The resources that could be read.</param>
    /// <param name="scope">The refs the manifests make, and what they declare, read or not: a ref to one refused is not reported again (its own errors say why).</param>
    /// <param name="diagnostics">Where findings go.</param>
    public static void Validate(ManifestSet set, ManifestScope scope, List<ManifestDiagnostic> diagnostics)
    {
        void Report(DiagnosticSeverity severity, SourceLocation location, string? resource, string field, string message) =>
            diagnostics.Add(new ManifestDiagnostic(severity, location, resource, field, message));

        ReferenceValidator.Validate(set, scope, Report);

        BrokerCycles.Report(set, Report);
        foreach (TriggerResource trigger in set.Triggers)
        {
            // Knative's classic loop (knative/eventing#7356): no filter, and the subscriber replies into the same Broker.
            if (trigger.Filter.Evaluate(EmptyProbe) == Filtering.FilterResult.NoFilter && RepliesInto(set, trigger.Subscriber, trigger.Broker))
            {
                Report(DiagnosticSeverity.Warning, trigger.Metadata.Location, $"Trigger/{trigger.Name}", "spec.filter",
                    $"has no filter, and a reply of its subscriber {trigger.Subscriber} goes back into Broker '{trigger.Broker}', where it matches again: a subscriber that replies loops until the hop limit; add a filter (e.g. on type)");
            }
        }

        FlowCycles.Report(set, Report);
        CesqlAttributeNames.Report(scope, Report);
    }

    private static readonly CloudNative.CloudEvents.CloudEvent EmptyProbe = new()
    {
        Id = "probe",
        Source = new Uri("urn:probe"),
        Type = "probe",
    };

    private static bool RepliesInto(ManifestSet set, Destination subscriber, string broker)
    {
        if (subscriber.Ref is { Kind: ResourceKind.Sequence } s && set.Sequences.TryGetValue(s.Name, out SequenceResource? sequence))
        {
            return sequence.Reply?.Ref is { Kind: ResourceKind.Broker } b && b.Name == broker;
        }

        if (subscriber.Ref is { Kind: ResourceKind.Parallel } p && set.Parallels.TryGetValue(p.Name, out ParallelResource? parallel))
        {
            return parallel.Branches.Any(b => (b.Reply ?? parallel.Reply)?.Ref is { Kind: ResourceKind.Broker } r && r.Name == broker);
        }

        // A service that answers with an event (the appender, an in-app step, an HTTP service) replies to its Trigger's Broker.
        return subscriber.Ref is { Kind: ResourceKind.Service } svc && set.Services.TryGetValue(svc.Name, out ServiceResource? service)
            && service.Runtime != ServiceRuntime.Display;
    }
}
