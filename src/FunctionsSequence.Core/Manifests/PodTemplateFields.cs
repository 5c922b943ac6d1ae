using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>
/// The fields a pod template may have: every field of Kubernetes' PodSpec and Container (k8s.io/api core/v1,
/// 1.35) and Knative's RevisionSpec. None changes what runs here (the image and its env decide), so they are
/// read past; a name that is none of them is an unknown field with a "did you mean".
/// </summary>
internal static class PodTemplateFields
{
    /// <summary>Knative's words for a field it refuses, and ours for why.</summary>
    private const string ServingRefuses = "must not set the field(s): Knative Serving does not let a Service set it";

    /// <summary>
    /// Kubernetes' PodSpec fields and Knative's RevisionSpec fields (which sit beside them in a Service), those a
    /// Service most often sets first: an unknown field's message names the first six.
    /// </summary>
    public static readonly string[] PodSpec =
    [
        "containers", "volumes", "serviceAccountName", "imagePullSecrets", "containerConcurrency", "timeoutSeconds",
        "responseStartTimeoutSeconds", "idleTimeoutSeconds",
        "initContainers", "ephemeralContainers", "restartPolicy", "terminationGracePeriodSeconds", "activeDeadlineSeconds", "dnsPolicy",
        "dnsConfig", "nodeSelector", "nodeName", "serviceAccount", "automountServiceAccountToken", "hostNetwork", "hostPID", "hostIPC",
        "hostUsers", "shareProcessNamespace", "securityContext", "hostname", "hostnameOverride", "subdomain", "setHostnameAsFQDN",
        "affinity", "schedulerName", "tolerations", "hostAliases", "priorityClassName", "priority", "preemptionPolicy", "readinessGates",
        "runtimeClassName", "enableServiceLinks", "overhead", "topologySpreadConstraints", "os", "schedulingGates", "resourceClaims",
        "resources", "workloadRef", "schedulingGroup", "evictionResponders",
    ];

    /// <summary>
    /// A serving.knative.dev/v1alpha1 revision template's spec: the above, its lone container as <c>container</c>, and
    /// <c>concurrencyModel</c> (Knative 0.x's containerConcurrency), which changes nothing here.
    /// </summary>
    public static readonly string[] V1alpha1RevisionSpec = [.. PodSpec, "container", "concurrencyModel"];

    /// <summary>Kubernetes' Container fields, those most often set first (as <see cref="PodSpec"/>).</summary>
    public static readonly string[] Container =
    [
        "name", "image", "command", "args", "env", "ports", "envFrom", "workingDir", "resources", "volumeMounts", "livenessProbe",
        "readinessProbe", "startupProbe", "imagePullPolicy", "securityContext", "resizePolicy", "restartPolicy", "restartPolicyRules",
        "volumeDevices", "lifecycle", "terminationMessagePath", "terminationMessagePolicy", "stdin", "stdinOnce", "tty",
    ];

    /// <summary>
    /// The PodSpec fields Knative Serving's webhook refuses in a Service whatever its feature flags (knative/serving
    /// pkg/apis/serving/fieldmask.go, PodSpecMask). Those it allows behind a flag (runtimeClassName, affinity,
    /// tolerations...) are accepted, as a cluster may have the flag on.
    /// </summary>
    private static readonly string[] PodSpecServingRefuses =
    [
        "ephemeralContainers", "restartPolicy", "terminationGracePeriodSeconds", "activeDeadlineSeconds", "nodeName", "serviceAccount",
        "hostUsers", "hostname", "hostnameOverride", "subdomain", "setHostnameAsFQDN", "priority", "preemptionPolicy", "readinessGates",
        "overhead", "os", "schedulingGates", "resourceClaims", "resources", "workloadRef", "schedulingGroup", "evictionResponders",
    ];

    /// <summary>The Container fields Knative Serving's webhook refuses in a Service (fieldmask.go, ContainerMask).</summary>
    private static readonly string[] ContainerServingRefuses =
        ["lifecycle", "resizePolicy", "restartPolicy", "restartPolicyRules", "volumeDevices", "stdin", "stdinOnce", "tty"];

    /// <summary>Reports the PodSpec fields a Knative Service may not set, as Knative's webhook does ("must not set the field(s)").</summary>
    public static void CheckServingPodSpec(YamlNodeReader r, YamlMappingNode podSpec, string path)
    {
        CheckServing(r, podSpec, path, PodSpecServingRefuses);
        if (YamlNodeReader.Child(podSpec, "automountServiceAccountToken") is YamlScalarNode { Value: "true" } automount)
        {
            r.Error(automount, $"{path}.automountServiceAccountToken", $"{ServingRefuses} to true, only to false");
        }
    }

    /// <summary>Reports the Container fields a Knative Service may not set.</summary>
    public static void CheckServingContainer(YamlNodeReader r, YamlMappingNode container, string path) =>
        CheckServing(r, container, path, ContainerServingRefuses);

    private static void CheckServing(YamlNodeReader r, YamlMappingNode map, string path, string[] refused)
    {
        foreach (YamlNode key in map.Children.Keys)
        {
            if (key is YamlScalarNode { Value: { } name } && refused.Contains(name, StringComparer.Ordinal))
            {
                r.Error(key, $"{path}.{name}", $"{ServingRefuses} (a Deployment's pod template may)");
            }
        }
    }
}
