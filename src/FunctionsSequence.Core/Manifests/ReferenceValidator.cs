using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Manifests;

/// <summary>
/// Checks each ref against the resources: its kind fits its use, its target exists in the namespace it names (or, without
/// one, the referring resource's own, as in Knative) where both are written, and a relative <c>uri</c> beside it has an
/// address to be resolved against.
/// </summary>
internal static class ReferenceValidator
{
    /// <param name="set">The resources that could be read.</param>
    /// <param name="scope">
    /// The refs the manifests make, and what they declare, read or not: a ref to one refused is not reported again (its
    /// own errors say why), nor the namespace of a ref to a name declared twice (the set keeps one of the two); and where
    /// documents could not be read, which a ref to a name not found points at rather than at a file not given.
    /// </param>
    /// <param name="report">Where findings go.</param>
    public static void Validate(ManifestSet set, ManifestScope scope, Action<DiagnosticSeverity, SourceLocation, string?, string, string> report)
    {
        foreach (ReferenceUse use in scope.References)
        {
            ObjectReference r = use.Reference;
            string[] allowed = use.Role switch
            {
                "step" => [ResourceKind.Service, ResourceKind.Sequence, ResourceKind.Parallel, ResourceKind.Broker],
                "filter" => [ResourceKind.Service],
                "broker" => [ResourceKind.Broker],
                "subscriber" => [ResourceKind.Service, ResourceKind.Sequence, ResourceKind.Parallel, ResourceKind.Broker],
                _ => [ResourceKind.Service, ResourceKind.Sequence, ResourceKind.Parallel, ResourceKind.Broker],
            };
            if (!allowed.Contains(r.Kind, StringComparer.Ordinal))
            {
                if (use.ClusterLocal is { } address)
                {
                    report(DiagnosticSeverity.Error, use.Location, use.Resource, use.NameField,
                        $"'{address}' is the address of {r.Kind} '{r.Name}', and a {use.Role} cannot be a {r.Kind} (expected {string.Join(" or ", allowed)})");
                }
                else
                {
                    report(DiagnosticSeverity.Error, use.Location, use.Resource, $"{use.Field}.kind",
                        $"a {use.Role} cannot be a '{r.Kind}'{Spelling.DidYouMean(r.Kind, allowed)} (expected {string.Join(" or ", allowed)})");
                }
                continue;
            }

            IEnumerable<string> known = r.Kind switch
            {
                ResourceKind.Service => set.Services.Keys,
                ResourceKind.Sequence => set.Sequences.Keys,
                ResourceKind.Parallel => set.Parallels.Keys,
                _ => set.Brokers.Keys,
            };
            ResourceMetadata? target = MetadataOf(set, r.Kind, r.Name);
            if (target is null)
            {
                if (!scope.Declared.Contains((r.Kind, r.Name)))
                {
                    // The default Broker a namespace label makes is not declared, and is said to be implied.
                    string[] declared = [.. known.Where(name => r.Kind != ResourceKind.Broker || !set.Brokers[name].Implied).Order(StringComparer.Ordinal)];
                    string implied = declared.Length < known.Count() ? $"; '{BrokerResource.DefaultName}' is implied, as Knative's injection makes it" : string.Empty;
                    string listed = declared.Length > 0 ? $" (declared: {string.Join(", ", declared)}{implied})" : $" (none is declared{implied})";
                    string meant = Spelling.DidYouMean(r.Name, known);
                    if (scope.Unparsed.Count > 0)
                    {
                        // A document or file that could not be read may declare it: the user gave it, and its error says what to fix.
                        report(DiagnosticSeverity.Error, use.Location, use.Resource, use.NameField,
                            $"{r.Kind} '{r.Name}' is not among the resources read{meant}{listed}: {Unparsed(scope.Unparsed)}");
                        continue;
                    }

                    // Knative takes a ref to what is not applied yet (it waits, not Ready); here the manifests given are all there is.
                    string given = meant.Length == 0 ? ": the manifests given are all there is here, so give the one that declares it too (several files, or their folder)" : string.Empty;
                    report(DiagnosticSeverity.Error, use.Location, use.Resource, use.NameField, $"{r.Kind} '{r.Name}' does not exist{meant}{listed}{given}");
                }

                continue;
            }

            CheckApiVersion(use, set.Services.GetValueOrDefault(r.Name) is { Kubernetes: true } && r.Kind == ResourceKind.Service, report);
            if (!scope.DeclaredTwice.Contains((r.Kind, r.Name)))
            {
                CheckNamespace(set, use, target, report);
            }

            CheckRelativeUri(set, use, report);
        }
    }

    /// <summary>Where documents or files could not be read, the first three named, as where a name not found may be declared.</summary>
    private static string Unparsed(List<SourceLocation> unparsed) =>
        "it may be declared where an error kept the manifests from being read, at " + string.Join(", ", unparsed.Take(3))
        + (unparsed.Count > 3 ? $" and {unparsed.Count - 3} more" : string.Empty)
        + (unparsed.Count == 1 ? " (fix that error first)" : " (fix those errors first)");

    /// <summary>
    /// Warns about a ref whose <c>apiVersion</c> is not one its kind has: Knative looks the target up by both and would not
    /// find it, where here kind and name find it. A Service may also be named as the Kubernetes <c>v1</c> Service that
    /// Knative Serving makes for it; a Kubernetes Service over a Deployment (<paramref name="kubernetes"/>) only so.
    /// </summary>
    private static void CheckApiVersion(ReferenceUse use, bool kubernetes, Action<DiagnosticSeverity, SourceLocation, string?, string, string> report)
    {
        ObjectReference r = use.Reference;
        if (use.ClusterLocal is not null || r.ApiVersion.Length == 0 || !ResourceKind.ApiVersions.TryGetValue(r.Kind, out string[]? versions)
            || (r.Kind == ResourceKind.Service && r.ApiVersion == "v1"))
        {
            return;
        }

        if (kubernetes)
        {
            report(DiagnosticSeverity.Warning, use.Location, use.Resource, $"{use.Field}.apiVersion",
                $"'{r.ApiVersion}' names a Knative Service, and Service '{r.Name}' is a Kubernetes one (write v1): Knative would not find it by this; here kind and name find it");
        }
        else if (!versions.Contains(r.ApiVersion, StringComparer.Ordinal))
        {
            report(DiagnosticSeverity.Warning, use.Location, use.Resource, $"{use.Field}.apiVersion",
                $"'{r.ApiVersion}' is not an apiVersion of a {r.Kind} (write {versions[0]}): Knative would not find {r.Kind} '{r.Name}' by it; here kind and name find it");
        }
    }

    /// <summary>
    /// A namespace is checked only where both sides write one: a resource without one goes wherever it is applied
    /// (<c>kubectl apply -n shop</c>), and there it finds the refs that name that namespace, or none.
    /// </summary>
    private static void CheckNamespace(ManifestSet set, ReferenceUse use, ResourceMetadata target, Action<DiagnosticSeverity, SourceLocation, string?, string, string> report)
    {
        ObjectReference r = use.Reference;
        if (!target.NamespaceWritten || (r.Kind == ResourceKind.Broker && set.Brokers[r.Name].Implied))
        {
            return; // the default Broker is implied in whichever namespace names it
        }

        if (r.Namespace is { } written)
        {
            if (written != target.Namespace)
            {
                report(DiagnosticSeverity.Error, use.NamespaceLocation ?? use.Location, use.Resource, use.ClusterLocal is null ? $"{use.Field}.namespace" : use.NameField,
                    $"{r.Kind} '{r.Name}' is not declared in namespace '{written}' (it is in '{target.Namespace}', {target.Location}); a ref finds its target only in the namespace it names");
            }

            return;
        }

        if (MetadataOfReferrer(set, use.Resource) is { NamespaceWritten: true, Namespace: var own } && own != target.Namespace)
        {
            string fix = use.Role == "broker"
                ? "a Trigger's Broker is the one in the Trigger's namespace, as in Knative (declare them in one namespace)"
                : $"a ref without a namespace means the referring resource's own, as in Knative (add namespace: {target.Namespace})";
            report(DiagnosticSeverity.Error, use.Location, use.Resource, use.NameField,
                $"{r.Kind} '{r.Name}' is in namespace '{target.Namespace}', not in '{own}': {fix}");
        }
    }

    private static void CheckRelativeUri(ManifestSet set, ReferenceUse use, Action<DiagnosticSeverity, SourceLocation, string?, string, string> report)
    {
        if (use.RelativeUri is not { } relative)
        {
            return;
        }

        ObjectReference r = use.Reference;
        ServiceResource? service = r.Kind == ResourceKind.Service ? set.Services.GetValueOrDefault(r.Name) : null;
        string? why = service?.Runtime switch
        {
            // Knative's appender and event_display images serve every path alike: so do the built-in ones.
            ServiceRuntime.Http or ServiceRuntime.Appender or ServiceRuntime.Display => null,
            ServiceRuntime.InApp when service.StepTakesPath => null,
            ServiceRuntime.InApp => $"Service '{r.Name}' runs the C# step '{service.StepName}' in the app",
            _ => $"a {r.Kind} runs in the app",
        };
        if (why is not null)
        {
            string what = use.ClusterLocal is { } url ? $"the path of the cluster-local URL '{url}'" : "a path resolved against the ref's address";
            report(DiagnosticSeverity.Error, relative.Location, use.Resource, relative.Field,
                $"'{ShownUri.Of(relative.Path)}' is {what}, and {why}, not at an address; a path can be added to a Service with the {ServiceResource.UrlAnnotation} annotation, which is reached over HTTP, or bound to an in-app step that takes one");
        }
    }

    private static ResourceMetadata? MetadataOf(ManifestSet set, string kind, string name) => kind switch
    {
        ResourceKind.Service => set.Services.GetValueOrDefault(name)?.Metadata,
        ResourceKind.Sequence => set.Sequences.GetValueOrDefault(name)?.Metadata,
        ResourceKind.Parallel => set.Parallels.GetValueOrDefault(name)?.Metadata,
        ResourceKind.Broker => set.Brokers.GetValueOrDefault(name)?.Metadata,
        _ => null,
    };

    /// <summary>The metadata of the resource that makes a ref (<c>Kind/name</c>), if it was read.</summary>
    private static ResourceMetadata? MetadataOfReferrer(ManifestSet set, string? resource)
    {
        string[] parts = resource?.Split('/', 2) ?? [];
        if (parts.Length != 2)
        {
            return null;
        }

        (string kind, string name) = (parts[0], parts[1]);
        return kind switch
        {
            ResourceKind.Trigger => set.FindTrigger(name)?.Metadata,
            ResourceKind.PingSource or ResourceKind.CronJobSource => set.Sources.FirstOrDefault(s => s.Kind == kind && s.Metadata.Name == name)?.Metadata,
            _ => MetadataOf(set, kind, name),
        };
    }
}
