using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>What a Kubernetes v1 Service may stand in front of besides a Deployment: a bare Pod, a StatefulSet, ReplicaSet or DaemonSet, workloads a controller made, an external name.</summary>
public sealed partial class ManifestLoaderTests
{
    /// <summary>Loads <paramref name="workloads"/> with the display's v1 Service and a PingSource to it: no finding, and the Service runs the built-in display.</summary>
    private static void AssertRunsTheDisplay(string workloads)
    {
        ManifestLoadResult result = Manifests.Load(workloads + DisplayKubernetesService + PingToDisplay);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(ServiceRuntime.Display, result.EnsureValid().Services["event-display"].Runtime);
    }

    [Fact]
    public void A_kubernetes_service_runs_the_image_of_the_bare_pod_it_selects_as_knative_s_docs_deploy_it()
    {
        // Knative's transport-encryption and sender-identity pages run event-display as a Pod behind a v1 Service.
        const string pod = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: event-display
              labels:
                app: event-display
            spec:
              containers:
                - name: event-display
                  image: gcr.io/knative-releases/knative.dev/eventing/cmd/event_display
                  ports:
                    - containerPort: 8080
            ---

            """;

        AssertRunsTheDisplay(pod);
    }

    [Fact]
    public void A_kubernetes_service_runs_the_image_of_the_statefulset_it_selects()
    {
        string statefulSet = DisplayDeployment().Replace("kind: Deployment", "kind: StatefulSet", StringComparison.Ordinal)
            .Replace("replicas: 1", "serviceName: event-display", StringComparison.Ordinal);

        AssertRunsTheDisplay(statefulSet);
    }

    [Fact]
    public void An_external_name_service_that_names_a_csharp_step_is_an_error_at_the_annotation()
    {
        string service = """
            apiVersion: v1
            kind: Service
            metadata:
              name: event-display
              annotations: { functionssequence.dev/step: uppercase }
            spec:
              type: ExternalName
              externalName: display.example.com
            ---

            """;

        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(service + PingToDisplay));

        Assert.Equal("metadata.annotations.functionssequence.dev/step", error.Field);
        Assert.StartsWith("names a C# step, and an ExternalName Service runs nothing of the app's", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kubectl_dump_of_a_deployment_with_its_replicaset_and_pod_runs_the_deployment()
    {
        // kubectl get deploy,rs,pod -o yaml: what a controller made says so in ownerReferences, and is left out.
        string owned = """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: event-display-5d4b
              labels: { app: event-display }
              ownerReferences: [{ apiVersion: apps/v1, kind: Deployment, name: event-display, uid: u1, controller: true }]
            spec:
              replicas: 1
              selector: { matchLabels: { app: event-display } }
              template:
                metadata: { labels: { app: event-display } }
                spec:
                  containers: [{ name: event-display, image: gcr.io/knative-releases/knative.dev/eventing/cmd/event_display }]
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: event-display-5d4b-x7
              labels: { app: event-display }
              ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: event-display-5d4b, uid: u2, controller: true }]
            spec:
              containers: [{ name: event-display, image: gcr.io/knative-releases/knative.dev/eventing/cmd/event_display }]
            ---

            """;

        ManifestLoadResult result = Manifests.Load(DisplayDeployment() + owned + DisplayKubernetesService + PingToDisplay);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Equal(
            ["this ReplicaSet is made by Deployment/event-display (its controller in metadata.ownerReferences), which these manifests hold: that one runs here, and this one is left out",
             "this Pod is made by ReplicaSet/event-display-5d4b (its controller in metadata.ownerReferences), which these manifests hold: that one runs here, and this one is left out"],
            result.Diagnostics.Select(d => d.Message));
        Assert.Equal(ServiceRuntime.Display, result.EnsureValid().Services["event-display"].Runtime);
    }

    [Fact]
    public void A_pod_whose_controller_the_manifests_do_not_hold_runs_as_any_pod()
    {
        // kubectl get pods -o yaml: the ReplicaSet that made the Pod is not among the manifests, so the Pod is what there is.
        const string pod = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: event-display-5d4b-x7
              labels: { app: event-display }
              ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: event-display-5d4b, uid: u2, controller: true }]
            spec:
              containers: [{ name: event-display, image: gcr.io/knative-releases/knative.dev/eventing/cmd/event_display }]
            ---

            """;

        AssertRunsTheDisplay(pod);
    }

    [Fact]
    public void A_kubernetes_service_that_selects_two_workloads_is_an_error_that_names_them()
    {
        string daemonSet = DisplayDeployment().Replace("kind: Deployment", "kind: DaemonSet", StringComparison.Ordinal)
            .Replace("replicas: 1", "updateStrategy: { type: RollingUpdate }", StringComparison.Ordinal)
            .Replace("name: event-display\n", "name: display-daemon\n", StringComparison.Ordinal);

        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(DisplayDeployment() + daemonSet + DisplayKubernetesService + PingToDisplay));

        Assert.Equal("spec.selector", error.Field);
        Assert.Equal("selects 2 workloads (Deployment/event-display, DaemonSet/display-daemon); here a Service runs one", error.Message);
    }

    [Fact]
    public void A_pod_no_service_selects_is_left_out_with_a_warning_that_names_its_kind()
    {
        ManifestLoadResult result = Manifests.Load(Manifests.Display + """
            apiVersion: v1
            kind: Pod
            metadata:
              name: lonely
            spec:
              containers:
                - image: gcr.io/knative-releases/knative.dev/eventing/cmd/event_display
            """);

        ManifestDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, "Pod/lonely"), (warning.Severity, warning.Resource));
        Assert.Equal("no Service selects this Pod, so nothing can send to it; it is left out", warning.Message);
    }

    [Theory]
    [InlineData("externalName: display.example.com", null, "http://display.example.com/")]
    [InlineData("externalName: display.example.com", "functionssequence.dev/url: https://display.example.com/in", "https://display.example.com/in")]
    public void An_external_name_service_is_its_external_name_over_http(string externalName, string? annotation, string url)
    {
        string service = $$"""
            apiVersion: v1
            kind: Service
            metadata:
              name: event-display
              annotations: { {{annotation}} }
            spec:
              type: ExternalName
              {{externalName}}
            ---

            """;

        ManifestLoadResult result = Manifests.Load(service + PingToDisplay);

        Assert.Empty(result.Diagnostics);
        ServiceResource display = result.EnsureValid().Services["event-display"];
        Assert.Equal((ServiceRuntime.Http, url, true), (display.Runtime, display.Url!.ToString(), display.Kubernetes));
    }

    [Theory]
    [InlineData("externalName: \"not a host\"", "spec.externalName", "'not a host' is not a DNS name: type ExternalName needs the DNS name")]
    [InlineData("externalName: Display.Example.com", "spec.externalName", "'Display.Example.com' is not a DNS name")]
    [InlineData("ports: [{ port: 80 }]", "spec.externalName", "is required")]
    public void An_external_name_service_without_a_host_is_an_error_at_the_field(string field, string at, string message)
    {
        string service = $$"""
            apiVersion: v1
            kind: Service
            metadata:
              name: event-display
            spec:
              type: ExternalName
              {{field}}
            ---

            """;

        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(service + PingToDisplay));

        Assert.Equal(at, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
