using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>
/// Which container of a pod template serves requests: in a Knative Service the one that declares ports
/// (knative/serving k8s_validation.go, validateContainersPorts); behind a Kubernetes Service the one its targetPort names.
/// </summary>
public sealed partial class ManifestLoaderTests
{
    private const string PortsOf8080 = "ports: [{ containerPort: 8080 }]";

    /// <summary>A Knative Service with a fluent-bit sidecar (line 9) before event_display (line 12); their ports are on lines 11 and 14.</summary>
    private static string DisplayWithSidecar(string sidecarPorts, string displayPorts) => $"""
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata:
          name: event-display
        spec:
          template:
            spec:
              containers:
                - name: fluent-bit
                  image: fluent/fluent-bit:3.0
                  {sidecarPorts}
                - name: display
                  image: gcr.io/knative-releases/knative.dev/eventing/cmd/event_display
                  {displayPorts}
        ---

        """;

    /// <summary>A Deployment with the same two containers, selected by <see cref="DisplayKubernetesService"/> (targetPort 8080).</summary>
    private static string DisplayDeploymentWithSidecar(string displayPorts) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: event-display
        spec:
          selector:
            matchLabels: {"{"} app: event-display {"}"}
          template:
            metadata:
              labels: {"{"} app: event-display {"}"}
            spec:
              containers:
                - name: fluent-bit
                  image: fluent/fluent-bit:3.0
                  ports: [{"{"} containerPort: 2020 {"}"}]
                - name: display
                  image: gcr.io/knative-releases/knative.dev/eventing/cmd/event_display
                  {displayPorts}
        ---

        """;

    [Fact]
    public void A_knative_service_is_served_by_the_container_that_declares_ports()
    {
        ManifestLoadResult result = Manifests.Load(DisplayWithSidecar(sidecarPorts: string.Empty, displayPorts: PortsOf8080) + PingToDisplay);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(ServiceRuntime.Display, result.EnsureValid().Services["event-display"].Runtime);
    }

    [Theory]
    [InlineData("", "", 9, "missing field(s)")]
    [InlineData("ports: [{ containerPort: 9090 }]", PortsOf8080, 14, "more than one container port is set")]
    [InlineData("", "ports: [{ containerPort: 8080 }, { containerPort: 9090 }]", 14, "more than one container port is set")]
    public void A_knative_service_needs_exactly_one_port_across_several_containers(string sidecarPorts, string displayPorts, int line, string knativeSays)
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(DisplayWithSidecar(sidecarPorts, displayPorts) + PingToDisplay));

        Assert.Equal(line, error.Location.Line);
        Assert.Equal("spec.template.spec.containers[*].ports", error.Field);
        Assert.StartsWith(knativeSays, error.Message, StringComparison.Ordinal);
        Assert.Contains("several containers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_knative_service_s_sidecar_is_held_to_what_knative_lets_a_container_set()
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(DisplayWithSidecar(sidecarPorts: "tty: true", displayPorts: PortsOf8080) + PingToDisplay));

        Assert.Equal(new SourceLocation("test.yaml", 11), error.Location);
        Assert.Equal("spec.template.spec.containers[0].tty", error.Field);
    }

    [Fact]
    public void A_kubernetes_service_is_served_by_the_deployment_container_its_target_port_names()
    {
        ManifestLoadResult result = Manifests.Load(DisplayDeploymentWithSidecar(PortsOf8080) + DisplayKubernetesService + PingToDisplay);

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(ServiceRuntime.Display, result.EnsureValid().Services["event-display"].Runtime);
    }

    [Fact]
    public void A_kubernetes_service_whose_numeric_target_port_no_container_declares_runs_the_first_with_a_warning_there()
    {
        // Kubernetes sends 8080 to whichever container listens there; which one cannot be told, so the first runs.
        string yaml = DisplayDeploymentWithSidecar(displayPorts: string.Empty) + DisplayKubernetesService + PingToDisplay;

        ManifestLoadResult result = Manifests.Load(yaml);

        ManifestDiagnostic warning = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning);
        Assert.Equal((new SourceLocation("test.yaml", 30), "spec.ports[0].targetPort"), (warning.Location, warning.Field));
        Assert.Contains("(fluent-bit, display)", warning.Message, StringComparison.Ordinal);
        Assert.Contains("fluent-bit, the first, runs", warning.Message, StringComparison.Ordinal);
        ManifestDiagnostic error = Manifests.SingleError(result);
        Assert.Contains("fluent/fluent-bit:3.0", error.Message, StringComparison.Ordinal); // the first is the sidecar: its image is what is refused
    }

    [Fact]
    public void Of_several_containers_that_declare_the_target_port_none_is_guessed_and_unnamed_ones_are_shown_where_they_are()
    {
        // The sidecar (named), then two unnamed containers that both declare 8080.
        string yaml = DisplayDeploymentWithSidecar($"{PortsOf8080}\n        - image: busybox\n          {PortsOf8080}")
            .Replace("- name: display", "- imagePullPolicy: IfNotPresent", StringComparison.Ordinal)
            + DisplayKubernetesService + PingToDisplay;

        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(yaml));

        Assert.Equal("spec.ports[0].targetPort", error.Field);
        Assert.Contains("more than one (containers[1], containers[2])", error.Message, StringComparison.Ordinal);
    }
}
