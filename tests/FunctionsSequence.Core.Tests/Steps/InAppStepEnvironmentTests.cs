using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Steps;
using FunctionsSequence.Core.Yaml;
using FunctionsSequence.Steps;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSequence.Core.Tests.Steps;

/// <summary>A Service bound to an in-app step is checked against the env the step reads when manifests load, not when its first event fails.</summary>
public sealed class InAppStepEnvironmentTests
{
    private static readonly InAppStepRegistration[] AppSteps = AppStepsServiceCollectionExtensions.Registrations();

    private static ManifestLoadResult Load(string step, string env) => new ManifestLoader(AppSteps).LoadText($"""
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata:
          name: filter
          annotations:
            functionssequence.dev/step: {step}
        spec:
          template:
            spec:
              containers:
                - image: functionssequence/in-app-step
        {env}
        """, "services.yaml");

    [Theory]
    [InlineData("minute-parity", "", "env PARITY is required: 'even' or 'odd'")]
    [InlineData("minute-parity", "- { name: PARITY, value: sometimes }", "env PARITY must be 'even' or 'odd', not 'sometimes'")]
    [InlineData("set-data", "- { name: OTHER, value: x }", "env DATA is required")]
    [InlineData("set-data", "- { name: DATA, value: '{\"message\": ' }", "env DATA is not JSON")]
    [InlineData("uppercase", "- { name: CULTURE, value: 'en US' }", "env CULTURE 'en US' is not a culture")]
    public void An_env_the_step_cannot_run_with_is_an_error_at_the_Services_env(string step, string entry, string expected)
    {
        string env = entry.Length == 0 ? string.Empty : "          env:\n            " + entry;

        ManifestDiagnostic error = Manifests.SingleError(Load(step, env));

        Assert.Equal("services.yaml", error.Location.File);
        Assert.Equal(entry.Length == 0 ? 11 : 13, error.Location.Line); // the image, or the first entry of env
        Assert.Equal("spec.template.spec.containers[0].env", error.Field);
        Assert.Contains($"the C# step '{step}' cannot run with this env: {expected}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_env_the_step_needs_from_a_secret_is_said_to_be_unresolved_here()
    {
        ManifestDiagnostic error = Manifests.SingleError(Load("minute-parity", "          env:\n            - { name: PARITY, valueFrom: { secretKeyRef: { name: s, key: parity } } }"));

        Assert.EndsWith("cannot run with this env: env PARITY must be 'even' or 'odd', not '' (PARITY takes a value from valueFrom, which is not resolved here (only a ConfigMap these manifests declare is))", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_env_from_a_secret_that_the_step_runs_without_is_warned_about_at_the_entry()
    {
        ManifestLoadResult result = Load("uppercase", "          env:\n            - { name: TOKEN, valueFrom: { secretKeyRef: { name: s, key: token } } }");

        ManifestDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, 13, "spec.template.spec.containers[0].env[0].valueFrom"), (warning.Severity, warning.Location.Line, warning.Field));
        Assert.StartsWith("env TOKEN takes a value from valueFrom, which is not resolved here (only a ConfigMap these manifests declare is): the C# step 'uppercase' gets '' for it", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("minute-parity", "- { name: PARITY, value: odd }")]
    [InlineData("set-data", "- { name: DATA, value: '{\"message\": \"we are odd!\"}' }")]
    [InlineData("uppercase", "")]
    [InlineData("uppercase", "- { name: CULTURE, value: tr-TR }")]
    public void An_env_the_step_can_run_with_loads(string step, string entry)
    {
        string env = entry.Length == 0 ? string.Empty : "          env:\n            " + entry;

        ManifestSet set = Load(step, env).EnsureValid();

        Assert.Equal(ServiceRuntime.InApp, set.Services["filter"].Runtime);
    }

    [Fact]
    public void A_step_that_reads_no_env_accepts_any()
    {
        InAppStepRegistration[] quiet = new ServiceCollection().AddSequenceStep<QuietStep>("quiet").InAppSteps();

        ManifestSet set = new ManifestLoader(quiet).LoadText("""
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata:
              name: filter
              annotations:
                functionssequence.dev/step: quiet
            spec:
              template:
                spec:
                  containers:
                    - image: functionssequence/in-app-step
                      env:
                        - { name: ANYTHING, value: at-all }
            """, "services.yaml").EnsureValid();

        Assert.Equal("quiet", set.Services["filter"].StepName);
        Assert.Null(Assert.Single(quiet).CheckEnvironment!(new Dictionary<string, string>()));
    }

    [Fact]
    public void The_parallel_sample_loads_with_the_apps_steps()
    {
        ManifestLoadResult result = new ManifestLoader(AppSteps).Load([Manifests.Samples("5-parallel")]);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
    }

    /// <summary>A step that keeps the interface's <see cref="ISequenceStep.CheckEnvironment"/>.</summary>
    private sealed class QuietStep : ISequenceStep
    {
        public ValueTask<CloudNative.CloudEvents.CloudEvent?> InvokeAsync(CloudNative.CloudEvents.CloudEvent input, StepContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult<CloudNative.CloudEvents.CloudEvent?>(input);
    }
}
