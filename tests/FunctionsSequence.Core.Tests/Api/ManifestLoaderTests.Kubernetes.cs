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
