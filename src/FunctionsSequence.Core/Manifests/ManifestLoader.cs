using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Steps;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>
/// Loads Knative manifests (multi-document YAML, files or folders) in both the seed's v1alpha1
/// dialect and today's v1, and validates them: every error is reported with file, line and field.
/// </summary>
/// <param name="inAppSteps">The C# steps registered in the app, to check the step annotation and the env of the Services bound to them against.</param>
/// <param name="defaultCheckpoint">The checkpoint mode of Sequences that do not choose one.</param>
/// <param name="callLimit">
/// The Functions app's function timeout, which cuts off a call that runs longer and fails its run: a <c>delivery.timeout</c>
/// that would not fit in one call with a reply's one try is an error. Null where calls have no limit (fseq).
/// </param>
public sealed class ManifestLoader(IReadOnlyCollection<InAppStepRegistration>? inAppSteps = null, CheckpointMode defaultCheckpoint = CheckpointMode.Step, TimeSpan? callLimit = null)
{
    private readonly IReadOnlyCollection<InAppStepRegistration> inAppSteps = inAppSteps ?? [];

    /// <summary>What findings call the manifests read from standard input, as kubectl does.</summary>
    public const string StandardInputName = "STDIN";

    /// <summary>Loads the given files, and every <c>.yaml</c>, <c>.yml</c> and <c>.json</c> file in the given folders (recursively, in name order).</summary>
    public ManifestLoadResult Load(IEnumerable<string> paths) => Load(paths, standardInput: null);

    /// <summary>
    /// As <see cref="Load(IEnumerable{string})"/>; a path <c>-</c> reads <paramref name="standardInput"/> to its end, as
    /// <c>kubectl apply -f -</c> does (once: a second <c>-</c> is an error).
    /// </summary>
    public ManifestLoadResult Load(IEnumerable<string> paths, Stream? standardInput)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var diagnostics = new List<ManifestDiagnostic>();
        var scope = new ManifestScope { CallLimit = callLimit };
        return Build(ManifestFiles.Read(paths, standardInput, diagnostics, scope), diagnostics, scope);
    }

    /// <summary>Loads manifests from text; <paramref name="fileName"/> is used in findings.</summary>
    public ManifestLoadResult LoadText(string yaml, string fileName = "manifest.yaml")
    {
        var diagnostics = new List<ManifestDiagnostic>();
        var scope = new ManifestScope { CallLimit = callLimit };
        return Build(ManifestDocuments.Read(yaml, fileName, diagnostics, scope), diagnostics, scope);
    }

    private ManifestLoadResult Build(List<ManifestDocument> documents, List<ManifestDiagnostic> diagnostics, ManifestScope scope)
    {
        var sequences = new List<SequenceResource>();
        var parallels = new List<ParallelResource>();
        var brokers = new List<BrokerResource>();
        var triggers = new List<TriggerResource>();
        var sources = new List<PingSourceResource>();
        var services = new List<ServiceResource>();
        bool defaultBrokerByLabel = false;
        var kubernetes = new KubernetesWorkloads();

        foreach (ManifestDocument doc in documents)
        {
            YamlNodeReader r = doc.Reader;
            if (kubernetes.TryAdd(doc))
            {
                continue;
            }

            if (doc.Kind == "Namespace")
            {
                // The seed's `kubectl label namespace default knative-eventing-injection=enabled`, written as a manifest.
                defaultBrokerByLabel |= doc.Metadata.Labels.TryGetValue("knative-eventing-injection", out string? v) && v == "enabled";
                defaultBrokerByLabel |= doc.Metadata.Labels.TryGetValue("eventing.knative.dev/injection", out string? v2) && v2 == "enabled";
                continue;
            }

            if (!ResourceKind.ApiVersions.TryGetValue(doc.Kind, out string[]? versions))
            {
                if (!KnativeKindsNotRun.TryReport(doc))
                {
                    r.Error(YamlNodeReader.Child(doc.Root, "kind"), "kind",
                        $"unknown kind '{doc.Kind}'{Spelling.DidYouMean(doc.Kind, ResourceKind.ApiVersions.Keys)} (supported: {string.Join(", ", ResourceKind.ApiVersions.Keys)}, Namespace, and a Kubernetes v1 Service with the Deployment, StatefulSet, ReplicaSet, DaemonSet or Pod it selects, and ConfigMaps)");
                }

                continue;
            }

            if (!versions.Contains(doc.ApiVersion, StringComparer.Ordinal))
            {
                r.Error(YamlNodeReader.Child(doc.Root, "apiVersion"), "apiVersion", $"'{doc.ApiVersion}' is not an apiVersion of {doc.Kind} (expected one of: {string.Join(", ", versions)})");
                continue;
            }

            YamlMappingNode? spec = r.Mapping(YamlNodeReader.Child(doc.Root, "spec"), "spec");
            switch (doc.Kind)
            {
                case ResourceKind.Sequence:
                    if (SequenceReader.Read(doc, spec, defaultCheckpoint) is { } sequence)
                    {
                        sequences.Add(sequence);
                    }

                    break;
                case ResourceKind.Parallel:
                    if (ParallelReader.Read(doc, spec) is { } parallel)
                    {
                        parallels.Add(parallel);
                    }

                    break;
                case ResourceKind.Broker:
                    brokers.Add(BrokerReader.Read(doc, spec));
                    break;
                case ResourceKind.Trigger:
                    if (TriggerReader.Read(doc, spec) is { } trigger)
                    {
                        triggers.Add(trigger);
                    }

                    break;
                case ResourceKind.PingSource:
                case ResourceKind.CronJobSource:
                    if (SourceReader.Read(doc, spec) is { } source)
                    {
                        sources.Add(source);
                    }

                    break;
                case ResourceKind.Service:
                    if (ServiceReader.Read(doc, spec, inAppSteps) is { } service)
                    {
                        services.Add(service);
                    }

                    break;
            }
        }

        services.AddRange(kubernetes.Services(inAppSteps, documents));
        if (AppliedNamespace(documents, scope.References) is { } applied)
        {
            // The sink is sent Kn-Namespace from the same namespace the event's source attribute names, as Knative's adapter sends both.
            sources = [.. sources.Select(s => s.Metadata.NamespaceWritten ? s : s with { Metadata = s.Metadata with { Namespace = applied }, Sink = s.Sink with { SenderNamespace = applied } })];
        }

        CheckDuplicates(documents, scope.DeclaredTwice);
        if (defaultBrokerByLabel || ReferencesDefaultBroker(sequences, parallels, brokers, triggers, sources))
        {
            if (!brokers.Any(b => b.Name == BrokerResource.DefaultName))
            {
                brokers.Add(new BrokerResource(ResourceMetadata.Named(BrokerResource.DefaultName), DeliverySpec.BrokerDefault, Implied: true));
            }
        }

        var set = new ManifestSet(
            sequences.DistinctBy(s => s.Name),
            parallels.DistinctBy(p => p.Name),
            brokers.DistinctBy(b => b.Name),
            triggers,
            sources,
            services.DistinctBy(s => s.Name));
        ManifestValidator.Validate(set, scope, diagnostics);
        List<ManifestDiagnostic> ordered = diagnostics
            .OrderBy(d => d.Severity)
            .ThenBy(d => d.Location.File, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Line)
            .ThenBy(d => d.Location.Column)
            .ToList();
        return new ManifestLoadResult(set, ShortenRepeatedImageRefusals(ordered)) { Unread = Unread(set, scope) };
    }

    private static HashSet<(string Kind, string Name)> Unread(ManifestSet set, ManifestScope scope) =>
        [.. scope.Declared.Where(d => d.Kind switch
        {
            ResourceKind.Sequence => !set.Sequences.ContainsKey(d.Name),
            ResourceKind.Parallel => !set.Parallels.ContainsKey(d.Name),
            ResourceKind.Broker => !set.Brokers.ContainsKey(d.Name),
            ResourceKind.Service => !set.Services.ContainsKey(d.Name),
            ResourceKind.Trigger => set.FindTrigger(d.Name) is null,
            _ => false,
        })];

    /// <summary>
    /// The first refusal of an image that cannot run here lists the images that can and what to do
    /// instead; the ones after it (a Knative sample with four images of its own) point back to it.
    /// </summary>
    private static List<ManifestDiagnostic> ShortenRepeatedImageRefusals(List<ManifestDiagnostic> diagnostics)
    {
        ManifestDiagnostic? first = null;
        var shortened = new List<ManifestDiagnostic>(diagnostics.Count);
        foreach (ManifestDiagnostic diagnostic in diagnostics)
        {
            int at = diagnostic.Message.IndexOf(ServiceReader.CannotRunHere, StringComparison.Ordinal);
            if (at < 0 || !diagnostic.Message.StartsWith("image '", StringComparison.Ordinal))
            {
                shortened.Add(diagnostic);
            }
            else if (first is null)
            {
                first = diagnostic;
                shortened.Add(diagnostic);
            }
            else
            {
                int hintAt = diagnostic.Message.IndexOf(ServiceReader.ParallelSampleHintStart, StringComparison.Ordinal);
                string hint = hintAt < 0 ? string.Empty : diagnostic.Message[hintAt..];
                shortened.Add(diagnostic with { Message = $"{diagnostic.Message[..at]} cannot run here either (what can, and what to do instead: the error at {first.Location}){hint}" });
            }
        }

        return shortened;
    }

    private static bool ReferencesDefaultBroker(
        List<SequenceResource> sequences, List<ParallelResource> parallels, List<BrokerResource> brokers, List<TriggerResource> triggers, List<PingSourceResource> sources)
    {
        static bool IsDefault(Destination? d) => d?.Ref is { Kind: ResourceKind.Broker, Name: BrokerResource.DefaultName };
        return sequences.Any(s => IsDefault(s.Reply) || s.Steps.Any(st => IsDefault(st.Destination) || IsDefault(st.Delivery?.DeadLetterSink)))
            || parallels.Any(p => IsDefault(p.Reply) || p.Branches.Any(b => IsDefault(b.Reply) || IsDefault(b.Subscriber) || IsDefault(b.Delivery?.DeadLetterSink)))
            || brokers.Any(b => IsDefault(b.Delivery?.DeadLetterSink))
            || triggers.Any(t => t.Broker == BrokerResource.DefaultName || IsDefault(t.Subscriber) || IsDefault(t.Delivery?.DeadLetterSink))
            || sources.Any(s => IsDefault(s.Sink));
    }

    /// <summary>
    /// The namespace the manifests were written to be applied to (<c>kubectl apply -n shop</c>, which refuses a
    /// resource in any other and puts those without one there): the one every resource that writes a namespace writes,
    /// or, when none does, the one every ref that names a namespace names; null when that is not one namespace. A resource
    /// without <c>metadata.namespace</c> is shown in it (a PingSource's event source) and still matches refs to any.
    /// </summary>
    private static string? AppliedNamespace(List<ManifestDocument> documents, List<ReferenceUse> references)
    {
        // Only what runs here counts: a Knative installation's own ConfigMap (in knative-eventing) says nothing of the app's.
        string[] written = [.. documents.Where(d => d.Metadata.NamespaceWritten && Runs(d)).Select(d => d.Metadata.Namespace).Distinct(StringComparer.Ordinal)];
        string[] named = written.Length > 0 ? written : [.. references.Select(r => r.Reference.Namespace).OfType<string>().Distinct(StringComparer.Ordinal)];
        return named is [string applied] ? applied : null;
    }

    private static bool Runs(ManifestDocument doc) =>
        ResourceKind.ApiVersions.ContainsKey(doc.Kind) || (doc.ApiVersion, doc.Kind) is ("v1", ResourceKind.Service) || KubernetesWorkloads.IsWorkload(doc.ApiVersion, doc.Kind);

    private static void CheckDuplicates(List<ManifestDocument> documents, HashSet<(string Kind, string Name)> declaredTwice)
    {
        foreach (IGrouping<(string Kind, string Name), ManifestDocument> group in documents.GroupBy(d => (d.Kind, d.Metadata.Name)).Where(g => g.Count() > 1))
        {
            declaredTwice.Add(group.Key);
            ManifestDocument first = group.First();
            foreach (ManifestDocument again in group.Skip(1))
            {
                // Routes and task hub names carry no namespace, so two namespaces cannot both have the name.
                string where = again.Metadata.Namespace == first.Metadata.Namespace ? string.Empty
                    : $", in namespace '{first.Metadata.Namespace}'; here namespaces share one set of names, as the routes (/api/...) have no namespace";
                again.Reader.Error(again.Root, "metadata.name", $"{group.Key.Kind} '{group.Key.Name}' is declared twice (first at {first.Metadata.Location}{where}); names must be unique per kind");
            }
        }
    }
}
