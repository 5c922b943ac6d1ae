using System.Text.RegularExpressions;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Steps;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>
/// Plain Kubernetes objects in Knative manifests. A <c>v1</c> Service with the <c>apps/v1</c> Deployment it
/// selects (Knative's docs deploy event-display that way) is a Service here, run by the Deployment's image
/// as a Knative Service's would be. A ConfigMap gives env to the containers that name it. Other Kubernetes kinds
/// (Secrets, RBAC...) have nothing to run: each is reported as a warning and left out.
/// </summary>
internal sealed partial class KubernetesWorkloads
{
    private static readonly string[] DeploymentFields =
        ["replicas", "selector", "template", "strategy", "minReadySeconds", "revisionHistoryLimit", "progressDeadlineSeconds", "paused"];

    private readonly List<(ManifestDocument Doc, IReadOnlyDictionary<string, string> Labels, IReadOnlyList<PodContainer> Containers)> deployments = [];
    private readonly List<ManifestDocument> services = [];

    /// <summary>Takes <paramref name="doc"/> when it is a Kubernetes object, not a Knative one; false otherwise.</summary>
    public bool TryAdd(ManifestDocument doc)
    {
        YamlNodeReader r = doc.Reader;
        switch (doc.ApiVersion, doc.Kind)
        {
            case ("apps/v1", "Deployment"):
                YamlMappingNode? spec = r.Mapping(YamlNodeReader.Child(doc.Root, "spec"), "spec");
                if (spec is null)
                {
                    r.Error(doc.Root, "spec", "is required: a Deployment needs spec.template");
                    return true;
                }

                r.CheckKeys(spec, "spec", DeploymentFields);
                IReadOnlyList<PodContainer> containers = ServiceReader.ReadTemplate(r, spec, doc.Scope.ConfigMaps, out IReadOnlyDictionary<string, string> labels);
                deployments.Add((doc, labels, containers));
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

    /// <summary>The Services that select a Deployment, each run as its Deployment's image says (errors are reported).</summary>
    public IEnumerable<ServiceResource> Services(IReadOnlyCollection<InAppStepRegistration> inAppSteps)
    {
        var selected = new HashSet<ManifestDocument>();
        foreach (ManifestDocument doc in services)
        {
            YamlNodeReader r = doc.Reader;
            YamlMappingNode? spec = r.Mapping(YamlNodeReader.Child(doc.Root, "spec"), "spec");
            Dictionary<string, string> selector = r.StringMap(spec, "selector", "spec");
            YamlNode at = YamlNodeReader.Child(spec, "selector") ?? (YamlNode?)spec ?? doc.Root;
            if (selector.Count == 0)
            {
                r.Error(at, "spec.selector", "is required: the labels of the Deployment this Service sends to");
                continue;
            }

            var matches = deployments.Where(d => selector.All(s => d.Labels.TryGetValue(s.Key, out string? v) && v == s.Value)).ToList();
            string labels = string.Join(", ", selector.Select(s => $"{s.Key}: {s.Value}"));
            if (matches.Count != 1)
            {
                r.Error(at, "spec.selector", matches.Count == 0
                    ? $"selects no Deployment of these manifests (none has spec.template.metadata.labels {labels})"
                    : $"selects {matches.Count} Deployments ({string.Join(", ", matches.Select(m => m.Doc.Metadata.Name))}); here a Service runs one");
                continue;
            }

            (ManifestDocument deployment, _, IReadOnlyList<PodContainer> containers) = matches[0];
            selected.Add(deployment);
            if (ServingContainer.OfKubernetesService(r, spec, deployment.Metadata.Name, containers) is not { } container)
            {
                continue;
            }

            // Our annotations (an in-app step, a URL) may be written on either; the Service's win.
            ManifestDocument annotated = HasOurAnnotation(doc) || !HasOurAnnotation(deployment) ? doc : deployment;
            if (ServiceReader.Decide(annotated, doc.Metadata, container, inAppSteps) is { } service)
            {
                yield return service with { Kubernetes = true };
            }
        }

        foreach ((ManifestDocument doc, _, _) in deployments.Where(d => !selected.Contains(d.Doc)))
        {
            doc.Reader.Warning(doc.Root, "metadata.name", "no Service selects this Deployment, so nothing can send to it; it is left out");
        }
    }

    /// <summary>True for a Kubernetes object left out here, whose top-level fields (a ConfigMap's data, say) are its own business.</summary>
    public static bool HasOwnTopLevelFields(string? apiVersion, string? kind) =>
        apiVersion is not null && kind is not (null or "Deployment" or "Namespace") && !ResourceKind.ApiVersions.ContainsKey(kind) && IsKubernetes(apiVersion);

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
