using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

public sealed partial class ManifestLoaderTests
{
    [Theory]
    [InlineData("eventing.knative.dev/v1", "serving.knative.dev/v1")]
    [InlineData("serving.knative.dev/v2", "serving.knative.dev/v1")]
    public void A_ref_whose_api_version_is_not_its_kinds_resolves_with_a_warning_that_knative_would_not(string written, string meant)
    {
        ManifestLoadResult result = Manifests.Load(StepTo($"{{ ref: {{ apiVersion: {written}, kind: Service, name: api }} }}"));

        ManifestDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, "spec.steps[0].ref.apiVersion", 26), (warning.Severity, warning.Field, warning.Location.Line));
        Assert.Equal($"'{written}' is not an apiVersion of a Service (write {meant}): Knative would not find Service 'api' by it; here kind and name find it", warning.Message);
        Assert.Equal("Service/api", result.EnsureValid().Sequences["s"].Steps[0].Destination.Ref!.ToString());
    }

    [Theory]
    [InlineData("serving.knative.dev/v1")]
    [InlineData("serving.knative.dev/v1alpha1")]
    [InlineData("v1")] // the Kubernetes Service Knative Serving makes for each of its Services
    public void A_ref_with_an_api_version_of_its_kind_loads_without_a_finding(string written) =>
        Assert.Empty(Manifests.Load(StepTo($"{{ ref: {{ apiVersion: {written}, kind: Service, name: api }} }}")).Diagnostics);

    [Fact]
    public void A_ref_that_names_a_kubernetes_service_as_a_knative_one_resolves_with_a_warning()
    {
        string sink = PingToDisplay.Replace("apiVersion: v1, kind: Service", "apiVersion: serving.knative.dev/v1, kind: Service", StringComparison.Ordinal);
        Assert.NotEqual(PingToDisplay, sink);

        ManifestLoadResult result = Manifests.Load(DisplayDeployment() + DisplayKubernetesService + sink);

        ManifestDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, "spec.sink.ref.apiVersion"), (warning.Severity, warning.Field));
        Assert.StartsWith("'serving.knative.dev/v1' names a Knative Service, and Service 'event-display' is a Kubernetes one (write v1)", warning.Message, StringComparison.Ordinal);
        Assert.True(result.EnsureValid().Services["event-display"].Kubernetes);
    }
}
