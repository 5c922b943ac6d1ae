using System.Globalization;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>
/// Which container of a pod template serves requests, and so decides what runs here; the others are sidecars
/// (a log shipper, a proxy) that run beside it in a cluster and have nothing to do here.
/// </summary>
internal static class ServingContainer
{
    /// <summary>
    /// Knative Serving's rule (knative/serving pkg/apis/serving/k8s_validation.go, validateContainersPorts): a lone
    /// container serves; of several, the one that declares <c>ports</c>; and at most one port is set across them all.
    /// What Knative refuses is reported in its words, and the container returned then has no image and says it is
    /// explained, so that no second finding follows.
    /// </summary>
    public static PodContainer OfKnativeService(YamlNodeReader r, IReadOnlyList<PodContainer> containers)
    {
        YamlNode[] ports = [.. containers.SelectMany(c => c.Ports)];
        PodContainer refused = containers[0] with { Image = null, Explained = true };
        if (ports.Length > 1)
        {
            r.Error(ports[1], PortsField(containers[0]),
                "more than one container port is set: Knative Serving takes a single port across all containers, the one requests are sent to " +
                "(with several containers, it marks the container that serves them); leave the others out");
            return refused;
        }

        if (containers.Count == 1)
        {
            return containers[0];
        }

        if (ports.Length == 0)
        {
            r.Error(containers[0].Entry ?? containers[0].At, PortsField(containers[0]),
                $"missing field(s): with several containers ({Names(containers)}), Knative Serving sends requests to the one that declares ports; " +
                "declare ports: [{ containerPort: 8080 }] on it");
            return refused;
        }

        return containers.Single(c => c.Ports.Count > 0);
    }

    /// <summary>
    /// The container of <paramref name="workload"/> (its kind and name, as messages name it) a Kubernetes Service (<paramref name="spec"/>) sends to: a lone
    /// container, else the one whose <c>ports</c> declare the Service's first port's <c>targetPort</c> (its <c>port</c>
    /// when unset; a number or a port name), else, when the Service names no port, the only one that declares ports.
    /// Kubernetes sends to whatever listens on that port; which container that is cannot be known here unless a
    /// container declares it, so anything else is reported at the Service's port and null is returned.
    /// </summary>
    public static PodContainer? OfKubernetesService(YamlNodeReader r, YamlMappingNode? spec, string workload, IReadOnlyList<PodContainer> containers)
    {
        if (containers.Count == 1)
        {
            return containers[0];
        }

        YamlMappingNode? port = r.Sequence(YamlNodeReader.Child(spec, "ports"), "spec.ports") is { Children: [YamlMappingNode first, ..] } ? first : null;
        string key = YamlNodeReader.Child(port, "targetPort") is null ? "port" : "targetPort";
        string? target = r.Scalar(port, key, "spec.ports[0]");
        PodContainer[] serving = target is null
            ? [.. containers.Where(c => c.Ports.Count > 0)]
            : [.. containers.Where(c => c.Ports.OfType<YamlMappingNode>().Any(p => Declares(p, target)))];
        if (serving.Length == 1)
        {
            return serving[0];
        }

        if (serving.Length == 0 && target is not null && int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            // Kubernetes sends a numeric targetPort to whichever container listens there, declared or not: run the first, and say so.
            r.Warning(YamlNodeReader.Child(port, key), $"spec.ports[0].{key}",
                $"is {target}, which none of the containers of {workload} ({Names(containers)}) declares (ports[].containerPort), " +
                $"so which one listens there cannot be told: {Names([containers[0]])}, the first, runs; declare the port on the container that serves requests");
            return containers[0];
        }

        string which = serving.Length == 0 ? "none" : $"more than one ({Names(serving)})";
        if (target is null)
        {
            r.Error(YamlNodeReader.Child(spec, "ports") ?? (YamlNode?)spec, "spec.ports",
                $"names no port, and of the containers of {workload} ({Names(containers)}) {which} declares ports: give the Service a targetPort that the serving container declares");
        }
        else
        {
            r.Error(YamlNodeReader.Child(port, key), $"spec.ports[0].{key}",
                $"is {target}, and of the containers of {workload} ({Names(containers)}) {which} declares it (ports[].containerPort or name), " +
                "so which one serves cannot be told: declare it on the container that serves requests, and only there");
        }

        return null;
    }

    /// <summary>Knative's path for the ports of a Service's containers: <c>...containers[*].ports</c>, or v1alpha1's <c>...container.ports</c>.</summary>
    private static string PortsField(PodContainer container) =>
        container.Path.EndsWith(']') ? $"{container.Path[..container.Path.LastIndexOf('[')]}[*].ports" : $"{container.Path}.ports";

    private static bool Declares(YamlMappingNode port, string target) =>
        YamlNodeReader.Child(port, "containerPort") is YamlScalarNode { Value: { } number } && number == target
        || YamlNodeReader.Child(port, "name") is YamlScalarNode { Value: { } name } && name == target;

    /// <summary>Each container's name, or where it is written (<c>containers[2]</c>) when it has none.</summary>
    private static string Names(IEnumerable<PodContainer> containers) =>
        string.Join(", ", containers.Select(c => c.Name ?? c.Path[(c.Path.LastIndexOf('.') + 1)..]));
}
