using System.Text.RegularExpressions;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Steps;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>
/// Plain Kubernetes objects in Knative manifests. A <c>v1</c> Service with the workload it selects (an
/// <c>apps/v1</c> Deployment, StatefulSet, ReplicaSet or DaemonSet, or a bare Pod: Knative's docs deploy
/// event-display as a Deployment or a Pod) is a Service here, run by the workload's image as a Knative Service's
/// would be; an <c>ExternalName</c> Service is its external name over HTTP, as the cluster's DNS makes it. A
/// ConfigMap gives env to the containers that name it. Other Kubernetes kinds (Secrets, RBAC...) have nothing
/// to run: each is reported as a warning and left out.
/// </summary>
internal sealed partial class KubernetesWorkloads
{
    /// <summary>The <c>apps/v1</c> kinds that run pods from <c>spec.template</c>, with the fields of their specs.</summary>
    private static readonly Dictionary<string, string[]> TemplateKinds = new(StringComparer.Ordinal)
    {
        ["Deployment"] = ["replicas", "selector", "template", "strategy", "minReadySeconds", "revisionHistoryLimit", "progressDeadlineSeconds", "paused"],
        ["StatefulSet"] =
        [
            "replicas", "selector", "template", "serviceName", "volumeClaimTemplates", "podManagementPolicy", "updateStrategy",
            "revisionHistoryLimit", "minReadySeconds", "persistentVolumeClaimRetentionPolicy", "ordinals",
        ],
        ["ReplicaSet"] = ["replicas", "minReadySeconds", "selector", "template"],
        ["DaemonSet"] = ["selector", "template", "updateStrategy", "minReadySeconds", "revisionHistoryLimit"],
    };

    private const string WorkloadKinds = "Deployment, StatefulSet, ReplicaSet, DaemonSet or Pod";

    private readonly List<(ManifestDocument Doc, IReadOnlyDictionary<string, string> Labels, IReadOnlyList<PodContainer> Containers)> workloads = [];
    private readonly Dictionary<ManifestDocument, string> owners = [];
    private readonly List<ManifestDocument> services = [];

    /// <summary>Takes <paramref name="doc"/> when it is a Kubernetes object, not a Knative one; false otherwise.</summary>
    public bool TryAdd(ManifestDocument doc)
    {
        YamlNodeReader r = doc.Reader;
        if (IsWorkload(doc.ApiVersion, doc.Kind) && Controller(doc) is { } owner)
        {
            owners[doc] = owner;
        }

        switch (doc.ApiVersion, doc.Kind)
        {
            case ("apps/v1", { } kind) when TemplateKinds.TryGetValue(kind, out string[]? fields):
                YamlMappingNode? spec = r.Mapping(YamlNodeReader.Child(doc.Root, "spec"), "spec");
                if (spec is null)
                {
                    r.Error(doc.Root, "spec", $"is required: a {kind} needs spec.template");
                    return true;
                }

                r.CheckKeys(spec, "spec", fields);
                IReadOnlyList<PodContainer> containers = ServiceReader.ReadTemplate(r, spec, doc.Scope.ConfigMaps, out IReadOnlyDictionary<string, string> labels);
                workloads.Add((doc, labels, containers));
                return true;
            case ("v1", "Pod"):
                workloads.Add((doc, doc.Metadata.Labels, ServiceReader.ReadPod(r, doc.Root, doc.Scope.ConfigMaps)));
                return true;
            case ("v1", ResourceKind.Service):
                services.Add(doc);
                return true;
            case ("v1", "ConfigMap"):
                return true; // its data is env for the containers that name it (ManifestScope.ConfigMaps)
            default:
                // A Knative kind with a mistyped apiVersion is refused by the loader, not left out; a
                // Namespace may imply the default Broker: the loader reads it.
                if (doc.Kind == "Namespace" || ResourceKind.ApiVersions.ContainsKey(doc.Kind) || !IsKubernetes(doc.ApiVersion))
                {
                    return false;
                }

                r.Warning(YamlNodeReader.Child(doc.Root, "kind"), "kind", $"a Kubernetes {doc.Kind} has nothing to run here; it is left out");
                return true;
        }
    }

    /// <summary>
    /// The Services that select a workload, each run as its workload's image says, and the ExternalName Services (errors
    /// are reported). A workload whose controller (<c>metadata.ownerReferences</c>) is among <paramref name="documents"/> is
    /// left out: <c>kubectl get -o yaml</c> lists a Deployment with its ReplicaSet and Pods, and the owner is what runs.
    /// </summary>
    public IEnumerable<ServiceResource> Services(IReadOnlyCollection<InAppStepRegistration> inAppSteps, IEnumerable<ManifestDocument> documents)
    {
        HashSet<string> declared = [.. documents.Select(d => $"{d.Kind}/{d.Metadata.Name}")];
        foreach ((ManifestDocument doc, string owner) in owners.Where(o => declared.Contains(o.Value)))
        {
            doc.Reader.Warning(YamlNodeReader.Child(doc.Root, "kind"), "kind", $"this {doc.Kind} is made by {owner} (its controller in metadata.ownerReferences), which these manifests hold: that one runs here, and this one is left out");
            workloads.RemoveAll(w => w.Doc == doc);
        }

        var selected = new HashSet<ManifestDocument>();
        foreach (ManifestDocument doc in services)
        {
            YamlNodeReader r = doc.Reader;
            YamlMappingNode? spec = r.Mapping(YamlNodeReader.Child(doc.Root, "spec"), "spec");
            if (r.Text(spec, "type", "spec") == "ExternalName")
            {
                if (ExternalName(doc, spec) is { } external)
                {
                    yield return external;
                }

                continue;
            }

            Dictionary<string, string> selector = r.StringMap(spec, "selector", "spec");
            YamlNode at = YamlNodeReader.Child(spec, "selector") ?? (YamlNode?)spec ?? doc.Root;
            if (selector.Count == 0)
            {
                r.Error(at, "spec.selector", $"is required: the labels of the pods ({WorkloadKinds}) this Service sends to; or type: ExternalName with an externalName");
                continue;
            }

            var matches = workloads.Where(d => selector.All(s => d.Labels.TryGetValue(s.Key, out string? v) && v == s.Value)).ToList();
            string labels = string.Join(", ", selector.Select(s => $"{s.Key}: {s.Value}"));
            if (matches.Count != 1)
            {
                r.Error(at, "spec.selector", matches.Count == 0
                    ? $"selects no workload of these manifests ({WorkloadKinds}; none has the labels {labels} on its pods: a Pod's metadata.labels, the others' spec.template.metadata.labels)"
                    : $"selects {matches.Count} workloads ({string.Join(", ", matches.Select(m => $"{m.Doc.Kind}/{m.Doc.Metadata.Name}"))}); here a Service runs one");
                continue;
            }

            (ManifestDocument workload, _, IReadOnlyList<PodContainer> containers) = matches[0];
            selected.Add(workload);
            if (ServingContainer.OfKubernetesService(r, spec, $"{workload.Kind} '{workload.Metadata.Name}'", containers) is not { } container)
            {
                continue;
            }

            // Our annotations (an in-app step, a URL) may be written on either; the Service's win.
            ManifestDocument annotated = HasOurAnnotation(doc) || !HasOurAnnotation(workload) ? doc : workload;
            if (ServiceReader.Decide(annotated, doc.Metadata, container, inAppSteps) is { } service)
            {
                yield return service with { Kubernetes = true };
            }
        }

        foreach ((ManifestDocument doc, _, _) in workloads.Where(d => !selected.Contains(d.Doc)))
        {
            doc.Reader.Warning(doc.Root, "metadata.name", $"no Service selects this {doc.Kind}, so nothing can send to it; it is left out");
        }
    }

    /// <summary>
    /// An <c>ExternalName</c> Service: the cluster's DNS answers its name with <c>spec.externalName</c>, and Knative
    /// addresses a Service at <c>http://NAME.NAMESPACE.svc.cluster.local</c>, so events go to <c>http://EXTERNALNAME/</c>
    /// (unless our URL annotation says otherwise).
    /// </summary>
    private static ServiceResource? ExternalName(ManifestDocument doc, YamlMappingNode? spec)
    {
        YamlNodeReader r = doc.Reader;
        if (doc.Metadata.Annotations.ContainsKey(ServiceResource.StepAnnotation))
        {
            r.Error(doc.AnnotationNode(ServiceResource.StepAnnotation), ManifestDocument.AnnotationField(ServiceResource.StepAnnotation),
                "names a C# step, and an ExternalName Service runs nothing of the app's: it is its externalName; put the annotation on a Knative Service, or on a v1 Service over a workload");
            return null;
        }

        if (doc.Metadata.Annotations.ContainsKey(ServiceResource.UrlAnnotation))
        {
            // Where the annotation says, read as on any Service.
            var noContainer = new PodContainer(r, doc.Root, "spec", null, null, ServiceReader.NoEnvironment);
            return ServiceReader.Decide(doc, doc.Metadata, noContainer, []) is { } annotated ? annotated with { Kubernetes = true } : null;
        }

        YamlNode? hostNode = YamlNodeReader.Child(spec, "externalName");
        string? host = r.Text(spec, "externalName", "spec");
        if (host is null && r.Refused(hostNode))
        {
            return null;
        }

        if (host is null || !ManifestDocuments.KubernetesName().IsMatch(host))
        {
            r.Error(hostNode ?? (YamlNode?)spec ?? doc.Root, "spec.externalName", (host is null ? "is required" : $"'{host}' is not a DNS name")
                + ": type ExternalName needs the DNS name (lower-case letters, digits, '-' and '.', as Kubernetes checks it) that the cluster answers this Service's name with, and events go to http://THAT-NAME/");
            return null;
        }

        return new ServiceResource(doc.Metadata, ServiceRuntime.Http, null, ServiceReader.NoEnvironment, null, new Uri($"http://{host}/")) { Kubernetes = true };
    }

    /// <summary>True for a Kubernetes object left out here, whose top-level fields (a ConfigMap's data, say) are its own business.</summary>
    public static bool HasOwnTopLevelFields(string? apiVersion, string? kind) =>
        apiVersion is not null && kind is not (null or "Namespace") && !IsWorkload(apiVersion, kind) && !ResourceKind.ApiVersions.ContainsKey(kind) && IsKubernetes(apiVersion);

    /// <summary>True for the kinds whose pods a <c>v1</c> Service may select here: a bare Pod and the <c>apps/v1</c> kinds with a pod template.</summary>
    public static bool IsWorkload(string? apiVersion, string? kind) =>
        (apiVersion, kind) is ("v1", "Pod") || (apiVersion == "apps/v1" && kind is not null && TemplateKinds.ContainsKey(kind));

    /// <summary>The <c>Kind/name</c> of the controller among <paramref name="doc"/>'s <c>metadata.ownerReferences</c>, if it has one.</summary>
    private static string? Controller(ManifestDocument doc)
    {
        YamlNode? owners = YamlNodeReader.Child(YamlNodeReader.Child(doc.Root, "metadata") as YamlMappingNode, "ownerReferences");
        return (owners as YamlSequenceNode)?.Children.OfType<YamlMappingNode>()
            .Where(o => (YamlNodeReader.Child(o, "controller") as YamlScalarNode)?.Value == "true")
            .Select(o => $"{(YamlNodeReader.Child(o, "kind") as YamlScalarNode)?.Value}/{(YamlNodeReader.Child(o, "name") as YamlScalarNode)?.Value}")
            .FirstOrDefault();
    }

    private static bool HasOurAnnotation(ManifestDocument doc) =>
        doc.Metadata.Annotations.ContainsKey(ServiceResource.StepAnnotation) || doc.Metadata.Annotations.ContainsKey(ServiceResource.UrlAnnotation);

    /// <summary>
    /// Kubernetes' own API groups: the core group (a bare version, <c>v1</c>), groups without a dot
    /// (<c>apps</c>, <c>batch</c>) and <c>*.k8s.io</c>.
    /// </summary>
    private static bool IsKubernetes(string apiVersion)
    {
        int slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return CoreVersion().IsMatch(apiVersion);
        }

        string group = apiVersion[..slash];
        return group.Length > 0 && (!group.Contains('.', StringComparison.Ordinal) || group.EndsWith(".k8s.io", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^v[0-9]+((alpha|beta)[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex CoreVersion();
}
