using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>Plain Kubernetes objects beside Knative ones, as Knative's docs write event-display: a Deployment and the v1 Service that selects it.</summary>
public sealed partial class ManifestLoaderTests
{
    private static string DisplayDeployment(string labels = "app: event-display") => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: event-display
        spec:
          replicas: 1
          selector:
            matchLabels: { {{labels}} }
          template:
            metadata:
              labels: { {{labels}} }
            spec:
              containers:
                - name: event-display
                  image: gcr.io/knative-releases/knative.dev/eventing/cmd/event_display
        ---

        """;

    private const string DisplayKubernetesService = """
        kind: Service
        apiVersion: v1
        metadata:
          name: event-display
        spec:
          selector:
            app: event-display
          ports:
            - protocol: TCP
              port: 80
              targetPort: 8080
        ---

        """;

    private const string PingToDisplay = """
        apiVersion: sources.knative.dev/v1
        kind: PingSource
        metadata:
          name: test-ping-source
        spec:
          schedule: "*/1 * * * *"
          data: '{"message": "Hello world!"}'
          sink:
            ref: { apiVersion: v1, kind: Service, name: event-display }
        """;

    [Fact]
    public void A_kubernetes_service_runs_the_image_of_the_deployment_it_selects()
    {
        ManifestSet set = Manifests.Load(DisplayDeployment() + DisplayKubernetesService + PingToDisplay).EnsureValid();

        ServiceResource display = set.Services["event-display"];
        Assert.Equal(ServiceRuntime.Display, display.Runtime);
        Assert.Equal("test.yaml", display.Metadata.Location.File);
    }

    [Fact]
    public void A_kubernetes_service_that_selects_no_deployment_is_an_error_at_its_selector()
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(DisplayDeployment("app: other") + DisplayKubernetesService + PingToDisplay));

        Assert.Equal("spec.selector", error.Field);
        Assert.Equal(23, error.Location.Line);
        Assert.Equal(
            "selects no workload of these manifests (Deployment, StatefulSet, ReplicaSet, DaemonSet or Pod; none has the labels app: event-display on its pods: a Pod's metadata.labels, the others' spec.template.metadata.labels)",
            error.Message);
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

        ManifestLoadResult result = Manifests.Load(pod + DisplayKubernetesService + PingToDisplay);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(ServiceRuntime.Display, result.EnsureValid().Services["event-display"].Runtime);
    }

    [Fact]
    public void A_kubernetes_service_runs_the_image_of_the_statefulset_it_selects()
    {
        string statefulSet = DisplayDeployment().Replace("kind: Deployment", "kind: StatefulSet", StringComparison.Ordinal)
            .Replace("replicas: 1", "serviceName: event-display", StringComparison.Ordinal);

        ManifestLoadResult result = Manifests.Load(statefulSet + DisplayKubernetesService + PingToDisplay);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(ServiceRuntime.Display, result.EnsureValid().Services["event-display"].Runtime);
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

        ManifestLoadResult result = Manifests.Load(pod + DisplayKubernetesService + PingToDisplay);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(ServiceRuntime.Display, result.EnsureValid().Services["event-display"].Runtime);
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

    [Fact]
    public void The_deployment_s_image_decides_and_its_line_is_where_a_refusal_points()
    {
        string yaml = DisplayDeployment().Replace("gcr.io/knative-releases/knative.dev/eventing/cmd/event_display", "docker.io/me/mine:latest", StringComparison.Ordinal);

        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(yaml + DisplayKubernetesService + PingToDisplay));

        Assert.Equal("Deployment/event-display", error.Resource);
        Assert.Equal(15, error.Location.Line);
        Assert.Contains("cannot run here", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_kubernetes_objects_are_left_out_with_a_warning()
    {
        ManifestLoadResult result = Manifests.Load(DisplayDeployment() + DisplayKubernetesService + """
            apiVersion: v1
            kind: Secret
            metadata:
              name: credentials
            stringData:
              token: "t"
            ---

            """ + PingToDisplay);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        ManifestDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("Kubernetes Secret has nothing to run here", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ref_to_a_resource_refused_for_its_own_errors_is_not_reported_again()
    {
        string yaml = Manifests.Display.Replace(Manifests.DisplayImage, "docker.io/me/mine:latest", StringComparison.Ordinal) + PingToDisplay;

        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(yaml));

        Assert.Equal("Service/event-display", error.Resource);
        Assert.Equal("spec.template.spec.containers[0].image", error.Field);
        Assert.Equal(9, error.Location.Line);
    }

    [Fact]
    public void A_resource_named_by_generate_name_alone_is_an_error_that_says_why_at_that_field()
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(Manifests.Display + """
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              generateName: seq-
            spec:
              steps:
                - ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
            """));

        Assert.Equal(("metadata.generateName", 14), (error.Field, error.Location.Line));
        Assert.StartsWith("is not taken here: the name is how refs, routes and runs find a resource, so give metadata.name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("My_Sequence", "metadata.name", "'My_Sequence' is not a Kubernetes name")]
    [InlineData("-seq", "metadata.name", "'-seq' is not a Kubernetes name")]
    [InlineData("seq.v2", null, null)]
    public void A_name_kubectl_refuses_is_an_error_at_its_line(string name, string? field, string? message)
    {
        // Objects fseq does not read follow rules of their own: RBAC names may hold ':'.
        Assert.DoesNotContain(
            Manifests.Load(Manifests.Display + "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: system:auth-delegator\n").Diagnostics,
            d => d.Field == "metadata.name");

        ManifestLoadResult result = Manifests.Load(Manifests.Display + $$"""
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: "{{name}}"
            spec:
              steps:
                - ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
            """);

        if (field is null)
        {
            Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
            return;
        }

        ManifestDiagnostic error = Manifests.SingleError(result);
        Assert.Equal(field, error.Field);
        Assert.StartsWith(message!, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""
        apiVersion: eventing.knative.dev/v1
        kind: Trigger
        metadata:
          name: t
        spec:
          broker: default
          filter:
            attributes:
              type: 5
          subscriber:
            ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
        """, "spec.filter.attributes.type")]
    [InlineData("""
        apiVersion: sources.knative.dev/v1
        kind: PingSource
        metadata:
          name: p
        spec:
          schedule: "* * * * *"
          data: 12
          sink:
            ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
        """, "spec.data")]
    public void A_string_field_YAML_reads_as_a_number_is_an_error(string yaml, string field)
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(Manifests.Display + yaml));

        Assert.Equal(field, error.Field);
        Assert.Contains("quote it", error.Message, StringComparison.Ordinal);
    }
}
