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
}
