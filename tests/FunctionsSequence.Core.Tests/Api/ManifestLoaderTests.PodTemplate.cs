using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>A pod template may carry any Kubernetes PodSpec and Container field; a Knative Service only those Knative Serving lets it set.</summary>
public sealed partial class ManifestLoaderTests
{
    /// <summary>k8s.io/api core/v1 PodSpec, less containers (read here), as of Kubernetes 1.35.</summary>
    public static TheoryData<string> KubernetesPodSpecFields() =>
    [
        "volumes", "initContainers", "ephemeralContainers", "restartPolicy", "terminationGracePeriodSeconds", "activeDeadlineSeconds",
        "dnsPolicy", "nodeSelector", "serviceAccountName", "serviceAccount", "automountServiceAccountToken", "nodeName", "hostNetwork",
        "hostPID", "hostIPC", "shareProcessNamespace", "securityContext", "imagePullSecrets", "hostname", "subdomain", "affinity",
        "schedulerName", "tolerations", "hostAliases", "priorityClassName", "priority", "dnsConfig", "readinessGates", "runtimeClassName",
        "enableServiceLinks", "preemptionPolicy", "overhead", "topologySpreadConstraints", "setHostnameAsFQDN", "os", "hostUsers",
        "schedulingGates", "resourceClaims", "resources", "hostnameOverride", "workloadRef", "schedulingGroup", "evictionResponders",
    ];

    /// <summary>k8s.io/api core/v1 Container, less name, image and env (read here).</summary>
    public static TheoryData<string> KubernetesContainerFields() =>
    [
        "command", "args", "workingDir", "ports", "envFrom", "resources", "resizePolicy", "restartPolicy", "restartPolicyRules",
        "volumeMounts", "volumeDevices", "livenessProbe", "readinessProbe", "startupProbe", "lifecycle", "terminationMessagePath",
        "terminationMessagePolicy", "imagePullPolicy", "securityContext", "stdin", "stdinOnce", "tty",
    ];

    /// <summary>The PodSpec fields Knative Serving allows in a Service (fieldmask.go PodSpecMask), with or without a feature flag.</summary>
    public static TheoryData<string> ServingPodSpecFields() =>
    [
        "serviceAccountName", "volumes", "imagePullSecrets", "enableServiceLinks", "affinity", "topologySpreadConstraints", "hostAliases",
        "nodeSelector", "runtimeClassName", "tolerations", "securityContext", "shareProcessNamespace", "priorityClassName", "schedulerName",
        "initContainers", "dnsPolicy", "dnsConfig", "hostIPC", "hostPID", "hostNetwork",
        "containerConcurrency", "timeoutSeconds", "responseStartTimeoutSeconds", "idleTimeoutSeconds",
    ];

    /// <summary>The Container fields Knative Serving allows (fieldmask.go ContainerMask), less name, image and env.</summary>
    public static TheoryData<string> ServingContainerFields() =>
    [
        "args", "command", "workingDir", "envFrom", "imagePullPolicy", "livenessProbe", "ports", "readinessProbe", "resources",
        "securityContext", "startupProbe", "terminationMessagePath", "terminationMessagePolicy", "volumeMounts",
    ];

    private static string DisplayService(string podField = "", string containerField = "") => $"""
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata:
          name: event-display
        spec:
          template:
            spec:
              {podField}
              containers:
                - image: gcr.io/knative-releases/knative.dev/eventing/cmd/event_display
                  {containerField}
        ---

        """;

    [Fact]
    public void A_knative_service_with_runtime_class_lifecycle_free_container_fields_and_probes_loads()
    {
        string yaml = DisplayService("runtimeClassName: gvisor\n      tolerations: [{ key: k, operator: Exists }]", "terminationMessagePolicy: FallbackToLogsOnError\n          readinessProbe: { httpGet: { path: /healthz } }") + PingToDisplay;

        ManifestLoadResult result = Manifests.Load(yaml);

        Assert.Empty(result.Diagnostics);
    }

    [Theory]
    [MemberData(nameof(ServingPodSpecFields))]
    public void A_knative_service_may_set_every_pod_field_serving_allows(string field) =>
        Assert.Empty(Manifests.Load(DisplayService(podField: $"{field}:") + PingToDisplay).Diagnostics);

    [Theory]
    [MemberData(nameof(ServingContainerFields))]
    public void A_knative_service_may_set_every_container_field_serving_allows(string field) =>
        Assert.Empty(Manifests.Load(DisplayService(containerField: $"{field}:") + PingToDisplay).Diagnostics);

    [Theory]
    [InlineData("restartPolicy: Always", "", "spec.template.spec.restartPolicy", 8)]
    [InlineData("nodeName: n1", "", "spec.template.spec.nodeName", 8)]
    [InlineData("automountServiceAccountToken: true", "", "spec.template.spec.automountServiceAccountToken", 8)]
    [InlineData("", "lifecycle: { preStop: { sleep: { seconds: 5 } } }", "spec.template.spec.containers[0].lifecycle", 11)]
    [InlineData("", "tty: true", "spec.template.spec.containers[0].tty", 11)]
    public void A_knative_service_may_not_set_what_serving_refuses_and_is_told_so_at_the_field(string podField, string containerField, string path, int line)
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(DisplayService(podField, containerField) + PingToDisplay));

        Assert.Equal(path, error.Field);
        Assert.Equal(line, error.Location.Line);
        Assert.StartsWith("must not set the field(s): Knative Serving does not let a Service set it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_knative_service_may_turn_the_service_account_token_off() =>
        Assert.Empty(Manifests.Load(DisplayService("automountServiceAccountToken: false") + PingToDisplay).Diagnostics);

    [Theory]
    [MemberData(nameof(KubernetesPodSpecFields))]
    public void A_deployment_may_set_every_kubernetes_pod_field(string field)
    {
        string yaml = DisplayDeployment().Replace("      containers:", $"      {field}:\n      containers:", StringComparison.Ordinal);

        Assert.False(Manifests.Load(yaml + DisplayKubernetesService + PingToDisplay).HasErrors, field);
    }

    [Theory]
    [MemberData(nameof(KubernetesContainerFields))]
    public void A_deployment_may_set_every_kubernetes_container_field(string field)
    {
        string yaml = DisplayDeployment().Replace("          image:", $"          {field}:\n          image:", StringComparison.Ordinal);

        Assert.False(Manifests.Load(yaml + DisplayKubernetesService + PingToDisplay).HasErrors, field);
    }

    [Theory]
    [InlineData("runtimeClasName: gvisor", "", "spec.template.spec.runtimeClasName", "did you mean 'runtimeClassName'?")]
    [InlineData("", "lifecyle: {}", "spec.template.spec.containers[0].lifecyle", "did you mean 'lifecycle'?")]
    [InlineData("", "terminationMessagePolicyy: File", "spec.template.spec.containers[0].terminationMessagePolicyy", "did you mean 'terminationMessagePolicy'?")]
    public void A_name_that_is_no_kubernetes_field_is_still_an_unknown_field_with_a_suggestion(string podField, string containerField, string path, string suggestion)
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(DisplayService(podField, containerField) + PingToDisplay));

        Assert.Equal(path, error.Field);
        Assert.Contains(suggestion, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("replicas: 2", "", "unknown field 'replicas' (expected one of: containers, volumes, serviceAccountName, imagePullSecrets, containerConcurrency, timeoutSeconds and 42 more)")]
    [InlineData("", "replicas: 2", "unknown field 'replicas' (expected one of: name, image, command, args, env, ports and 19 more)")]
    public void A_name_far_from_every_kubernetes_field_is_told_the_fields_that_matter_not_all_of_them(string podField, string containerField, string message) =>
        Assert.Equal(message, Manifests.SingleError(Manifests.Load(DisplayService(podField, containerField) + PingToDisplay)).Message);

    [Fact]
    public void A_misspelt_image_key_is_the_one_finding_not_also_a_missing_image()
    {
        string yaml = DisplayService(string.Empty, string.Empty).Replace("- image:", "- imagee:", StringComparison.Ordinal) + PingToDisplay;

        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(yaml));

        Assert.Equal(("spec.template.spec.containers[0].imagee", "unknown field 'imagee'; did you mean 'image'?"), (error.Field, error.Message));
    }
}
