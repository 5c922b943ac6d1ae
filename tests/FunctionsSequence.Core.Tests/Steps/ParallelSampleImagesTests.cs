using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Steps;
using FunctionsSequence.Core.Yaml;
using FunctionsSequence.Steps;

namespace FunctionsSequence.Core.Tests.Steps;

/// <summary>
/// The JavaScript images of Knative's Parallel samples with the samples' own expressions run as the
/// app's C# steps (so knative/docs' Parallel samples load as written); any other expression is refused.
/// </summary>
public sealed class ParallelSampleImagesTests
{
    private static ManifestLoadResult Load(string image, string name, string value, InAppStepRegistration[]? steps = null) =>
        new ManifestLoader(steps ?? AppStepsServiceCollectionExtensions.Registrations()).LoadText($"""
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata:
              name: branch
            spec:
              template:
                spec:
                  containers:
                  - image: {image}
                    env:
                    - name: {name}
                      value: |
                        {value}
            """, "services.yaml");

    /// <summary>The mutual-exclusivity sample's switcher Service, named <c>switcher</c>, with <paramref name="cases"/> as its CASES.</summary>
    private static string Switcher(string cases) => $"""
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata:
          name: switcher
        spec:
          template:
            spec:
              containers:
              - image: villardl/switcher-nodejs:0.1
                env:
                - name: EXPRESSION
                  value: Math.round(Date.parse(event.time) / 60000) % 2
                - name: CASES
                  value: '{cases}'

        """;

    [Theory]
    [InlineData("villardl/filter-nodejs:0.1", "FILTER", "Math.round(Date.parse(event.time) / 60000) % 2 === 0", MinuteParityStep.Name, "PARITY", "even")]
    [InlineData("docker.io/villardl/filter-nodejs", "FILTER", "Math.round( Date.parse(event.time)/60000 ) % 2 !== 0", MinuteParityStep.Name, "PARITY", "odd")]
    [InlineData("villardl/transformer-nodejs:0.1", "TRANSFORMER", """({"message": "we are even!"})""", SetDataStep.Name, "DATA", """{"message": "we are even!"}""")]
    public void The_samples_expressions_run_as_the_app_s_c_sharp_steps(string image, string name, string value, string step, string envName, string envValue)
    {
        ManifestLoadResult result = Load(image, name, value);

        Assert.Empty(result.Diagnostics);
        ServiceResource service = result.EnsureValid().Services["branch"];
        Assert.Equal((ServiceRuntime.InApp, step), (service.Runtime, service.StepName));
        Assert.Equal(new Dictionary<string, string> { [envName] = envValue }, service.Environment);
    }

    [Theory]
    [InlineData("villardl/filter-nodejs:0.1", "FILTER", "event.type === 'dev.knative.sources.ping'")]
    [InlineData("villardl/filter-nodejs:0.1", "EXPRESSION", "Math.round(Date.parse(event.time) / 60000) % 2 === 0")]
    [InlineData("villardl/transformer-nodejs:0.1", "TRANSFORMER", "({message: 'unquoted keys are JavaScript, not JSON'})")]
    [InlineData("villardl/transformer-nodejs:0.1", "TRANSFORMER", "([1, 2])")]
    [InlineData("villardl/switcher-nodejs:0.1", "EXPRESSION", "Math.round(Date.parse(event.time) / 60000) % 3")]
    public void Other_expressions_are_javascript_the_app_does_not_run_and_are_refused_with_what_it_runs(string image, string name, string value)
    {
        ManifestDiagnostic error = Assert.Single(Load(image, name, value).Diagnostics);

        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.StartsWith($"image '{image}' cannot run here", error.Message, StringComparison.Ordinal);
        Assert.Contains(ServiceReader.ParallelSampleHintStart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_mutual_exclusivity_switcher_runs_as_minute_switch_and_its_filters_may_name_a_case_by_path()
    {
        ManifestLoadResult result = new ManifestLoader(AppStepsServiceCollectionExtensions.Registrations()).LoadText(Switcher("[0, 1]") + """
            ---
            apiVersion: flows.knative.dev/v1
            kind: Parallel
            metadata:
              name: p
            spec:
              branches:
              - filter:
                  uri: http://switcher.default.svc.cluster.local/0
                subscriber:
                  uri: http://localhost:9000/even
              - filter:
                  uri: http://switcher.default.svc.cluster.local/1
                subscriber:
                  uri: http://localhost:9000/odd
            """, "parallel.yaml");

        Assert.Empty(result.Diagnostics);
        ServiceResource switcher = result.EnsureValid().Services["switcher"];
        Assert.Equal((ServiceRuntime.InApp, MinuteSwitchStep.Name, true), (switcher.Runtime, switcher.StepName, switcher.StepTakesPath));
        Assert.Equal(new Dictionary<string, string> { ["CASES"] = "[0, 1]" }, switcher.Environment);
    }

    [Fact]
    public void A_switcher_whose_cases_are_not_whole_numbers_is_an_error_at_its_env()
    {
        ManifestDiagnostic error = Assert.Single(new ManifestLoader(AppStepsServiceCollectionExtensions.Registrations()).LoadText(Switcher("""["even", "odd"]"""), "services.yaml").Diagnostics);

        Assert.Equal("spec.template.spec.containers[0].env", error.Field);
        Assert.StartsWith("the C# step 'minute-switch', which runs this image's expression, cannot run with this env: env CASES must be a JSON array of whole numbers", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: shout }\n      uri: /extra/path", "'/extra/path' is a path resolved against the ref's address")]
    [InlineData("- uri: http://shout.default.svc.cluster.local/extra/path", "'/extra/path' is the path of the cluster-local URL 'http://shout.default.svc.cluster.local/extra/path'")]
    public void A_path_to_an_in_app_step_that_takes_none_is_refused_at_the_uri_in_the_words_it_was_written(string step, string what)
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(Manifests.InAppStepService("shout", "uppercase") + $$"""
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: s
            spec:
              steps:
                {{step}}
            """));

        Assert.Equal("spec.steps[0].uri", error.Field);
        Assert.StartsWith(what + ", and Service 'shout' runs the C# step 'uppercase' in the app", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_step_registered_the_image_is_refused_as_any_other()
    {
        ManifestDiagnostic error = Assert.Single(Load("villardl/filter-nodejs:0.1", "FILTER", "Math.round(Date.parse(event.time) / 60000) % 2 === 0", [new("uppercase")]).Diagnostics);

        Assert.StartsWith("image 'villardl/filter-nodejs:0.1' cannot run here", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_refusals_name_the_steps_the_app_registers()
    {
        Assert.Contains($"as its C# step {MinuteParityStep.Name}:", ServiceReader.ParallelSampleHint("villardl/filter-nodejs"), StringComparison.Ordinal);
        Assert.Contains($"as its C# step {SetDataStep.Name}:", ServiceReader.ParallelSampleHint("villardl/transformer-nodejs"), StringComparison.Ordinal);
        Assert.Contains($"as its C# step {MinuteSwitchStep.Name}:", ServiceReader.ParallelSampleHint("villardl/switcher-nodejs"), StringComparison.Ordinal);
        Assert.Equal((MinuteParityStep.Name, SetDataStep.Name, MinuteSwitchStep.Name), (ParallelSampleImages.MinuteParity, ParallelSampleImages.SetData, ParallelSampleImages.MinuteSwitch));
    }
}
