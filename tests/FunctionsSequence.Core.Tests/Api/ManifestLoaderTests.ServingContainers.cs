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
    public void A_kubernetes_service_whose_target_port_no_deployment_container_declares_is_an_error_there()
    {
        string yaml = DisplayDeploymentWithSidecar(displayPorts: string.Empty) + DisplayKubernetesService + PingToDisplay;

        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(yaml));

        Assert.Equal(new SourceLocation("test.yaml", 30), error.Location);
        Assert.Equal("spec.ports[0].targetPort", error.Field);
        Assert.Contains("fluent-bit, display", error.Message, StringComparison.Ordinal);
    }
}
