using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>serving.knative.dev/v1alpha1's Service forms (runLatest, release, pinned), which Knative 0.x's docs wrote, run as written.</summary>
public sealed partial class ManifestLoaderTests
{
    private const string AppenderImage = "gcr.io/knative-releases/knative.dev/eventing/cmd/appender";

    /// <summary>The appender's container in YAML's flow style, so that it fits under <c>container:</c> or in a list at any depth.</summary>
    private const string AppenderContainer =
        $"{{ image: {AppenderImage}, env: [{{ name: MESSAGE, value: \" - appended\" }}, {{ name: TYPE, value: samples.appended }}] }}";

    private const string DisplayContainer = $"{{ image: {Manifests.DisplayImage} }}";

    /// <summary>Each v1alpha1 form of a Service that runs a revision, with the appender's container.</summary>
    public static TheoryData<string> V1alpha1ServiceSpecs() =>
    [
        $"""
          runLatest:
            configuration:
              revisionTemplate:
                metadata:
                  annotations:
                    autoscaling.knative.dev/target: "10"
                spec:
                  container: {AppenderContainer}
        """,
        $"""
          release:
            revisions: [appender-00001]
            rolloutPercent: 0
            configuration:
              revisionTemplate:
                spec:
                  container: {AppenderContainer}
        """,
        $"""
          pinned:
            revisionName: appender-00001
            configuration:
              revisionTemplate:
                spec:
                  containers: [{AppenderContainer}]
        """,
        $"""
          runLatest:
            configuration:
              template:
                spec:
                  concurrencyModel: Multi
                  container: {AppenderContainer}
        """,
        $"""
          template:
            spec:
              container: {AppenderContainer}
        """,
    ];

    private static string V1alpha1Appender(string spec) => AppenderService("serving.knative.dev/v1alpha1", spec);

    /// <summary>A Service named appender of <paramref name="apiVersion"/>, its <c>spec</c>'s lines indented by the caller.</summary>
    private static string AppenderService(string apiVersion, string spec) => $"""
        apiVersion: {apiVersion}
        kind: Service
        metadata:
          name: appender
        spec:
        {spec}
        """;

    /// <summary>A <c>runLatest</c> form's lines whose revision template's spec is <paramref name="podSpec"/>.</summary>
    private static string RunLatest(string podSpec) => $"  runLatest:\n    configuration:\n      revisionTemplate:\n        spec:\n          {podSpec}";

    [Theory]
    [MemberData(nameof(V1alpha1ServiceSpecs))]
    public void A_v1alpha1_service_form_runs_its_container_as_the_v1_service_does(string spec)
    {
        string v1 = AppenderService("serving.knative.dev/v1", $"  template:\n    spec:\n      containers: [{AppenderContainer}]");
        ServiceResource expected = Manifests.Load(v1).EnsureValid().Services["appender"];

        ManifestLoadResult result = Manifests.Load(V1alpha1Appender(spec));

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        ServiceResource service = result.EnsureValid().Services["appender"];
        Assert.Equal(ServiceRuntime.Appender, service.Runtime);
        Assert.Equal((expected.Runtime, expected.Image), (service.Runtime, service.Image));
        Assert.Equal(expected.Environment, service.Environment);
    }

    [Theory]
    [InlineData($"container:\n            image: {Manifests.DisplayImage}\n            envv: []", 12, "spec.runLatest.configuration.revisionTemplate.spec.container.envv")]
    [InlineData("container:\n            image: example.com/unknown", 11, "spec.runLatest.configuration.revisionTemplate.spec.container.image")]
    [InlineData("containers:\n            - image: example.com/unknown", 11, "spec.runLatest.configuration.revisionTemplate.spec.containers[0].image")]
    [InlineData($"container:\n            image: {Manifests.DisplayImage}\n            tty: true", 12, "spec.runLatest.configuration.revisionTemplate.spec.container.tty")]
    [InlineData($"containr: {DisplayContainer}", 10, "spec.runLatest.configuration.revisionTemplate.spec.containr")]
    [InlineData($"container: {DisplayContainer}\n          containers: [{DisplayContainer}]", 11, "spec.runLatest.configuration.revisionTemplate.spec.containers")]
    [InlineData($"container:\n            image: {Manifests.DisplayImage}\n            ports: [{{ containerPort: 8080 }}, {{ containerPort: 9090 }}]", 12, "spec.runLatest.configuration.revisionTemplate.spec.container.ports")]
    [InlineData($"container: {DisplayContainer}\n          restartPolicy: Always", 11, "spec.runLatest.configuration.revisionTemplate.spec.restartPolicy")]
    public void A_finding_in_a_v1alpha1_container_names_its_own_path_and_line(string podSpec, int line, string field)
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(V1alpha1Appender(RunLatest(podSpec))));

        Assert.Equal(new SourceLocation("test.yaml", line), error.Location);
        Assert.Equal(field, error.Field);
    }

    [Theory]
    [InlineData("runLatest:\n    configuration: {}", 7, "spec.runLatest.configuration.revisionTemplate.spec.containers", "needs a container image")]
    [InlineData("runLatest:\n    configuraton: {}", 7, "spec.runLatest.configuraton", "did you mean 'configuration'")]
    [InlineData($"runLatest: {{ configuration: {{ revisionTemplate: {{ spec: {{ container: {DisplayContainer} }} }}, template: {{}} }} }}", 6, "spec.runLatest.configuration.template", "expected exactly one")]
    [InlineData("manual: {}", 6, "spec.manual", "spec.runLatest.configuration.revisionTemplate.spec.container")]
    [InlineData($"template: {{ spec: {{ containers: [{DisplayContainer}] }} }}\n  runLatest: {{}}", 7, "spec.runLatest", "expected exactly one, got both: spec.template and spec.runLatest")]
    [InlineData($"runLatest: {{ configuration: {{ revisionTemplate: {{ spec: {{ container: {DisplayContainer} }} }} }} }}\n  manual: {{}}", 7, "spec.manual", "expected exactly one")]
    public void A_v1alpha1_service_without_one_runnable_form_is_refused_at_its_field(string spec, int line, string field, string message)
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(V1alpha1Appender("  " + spec)));

        Assert.Equal(new SourceLocation("test.yaml", line), error.Location);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_v1_service_with_a_v1alpha1_form_is_told_which_api_version_has_it()
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(AppenderService("serving.knative.dev/v1", RunLatest($"container: {AppenderContainer}"))));

        Assert.Equal(new SourceLocation("test.yaml", 6), error.Location);
        Assert.Equal("spec.runLatest", error.Field);
        Assert.Contains("serving.knative.dev/v1alpha1 only", error.Message, StringComparison.Ordinal);
    }
}
