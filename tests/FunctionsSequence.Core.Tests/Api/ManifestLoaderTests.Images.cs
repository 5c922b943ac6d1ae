using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>The sample images of Knative's docs run as the built-in steps; other images are refused, saying which are built in.</summary>
public sealed partial class ManifestLoaderTests
{
    private static string KnativeDocs(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", "knative-docs", file);

    [Fact]
    public void Knative_docs_sequence_with_broker_trigger_loads_with_its_appender_and_event_display_images()
    {
        ManifestSet set = new ManifestLoader().Load([KnativeDocs("sequence-with-broker-trigger.yaml")]).EnsureValid();

        Assert.All(["first", "second", "third"], name => Assert.Equal(ServiceRuntime.Appender, set.Services[name].Runtime));
        Assert.Equal(" - Handled by 2", set.Services["third"].Environment["MESSAGE"]);
        Assert.Equal("samples.http.mod3", set.Services["third"].Environment["TYPE"]);
        Assert.Equal(ServiceRuntime.Display, set.Services["sequence-display"].Runtime);
    }

    [Fact]
    public void Knative_docs_first_step_image_by_digest_runs_as_the_seed_s_appender()
    {
        ManifestSet set = new ManifestLoader().Load([KnativeDocs("sequence-terminal-probable-summer.yaml")]).EnsureValid();

        Assert.Equal(ServiceRuntime.Appender, set.Services["first"].Runtime);
        Assert.Equal("1", set.Services["second"].Environment["STEP"]);
    }

    [Fact]
    public void The_knative_appender_needs_no_env_as_its_MESSAGE_has_a_default()
    {
        string yaml = Manifests.StepService("first", 0)
            .Replace(Manifests.StepImage, "gcr.io/knative-releases/knative.dev/eventing/cmd/appender:v1.16.0", StringComparison.Ordinal)
            .Replace("env:", "envFrom: []", StringComparison.Ordinal)
            .Replace("- name: STEP", "# STEP", StringComparison.Ordinal)
            .Replace("value: \"0\"", string.Empty, StringComparison.Ordinal);

        ManifestLoadResult result = Manifests.Load(yaml);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void The_seed_s_step_image_under_its_docs_digest_still_needs_STEP()
    {
        string yaml = Manifests.StepService("first", 0)
            .Replace(Manifests.StepImage, "us.gcr.io/probable-summer-223122/cmd-03315b715ae8f3e08e3a9378df706fbb@sha256:2656f39a7fcb6afd9fc79e7a4e215d14d651dc674f38020d1d18c6f04b220700", StringComparison.Ordinal)
            .Replace("name: STEP", "name: MESSAGE", StringComparison.Ordinal);

        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(yaml));

        Assert.Equal("spec.template.spec.containers[0].env", error.Field);
        Assert.Contains("needs env STEP set to a whole number (found 'nothing')", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("docker.io/me/appender:latest")]
    [InlineData("ghcr.io/someone/display")]
    public void An_unknown_image_is_refused_at_its_line_naming_the_built_in_images(string image)
    {
        string yaml = Manifests.Display.Replace(Manifests.DisplayImage, image, StringComparison.Ordinal);

        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(yaml));

        Assert.Equal("spec.template.spec.containers[0].image", error.Field);
        Assert.Equal(9, error.Location.Line);
        Assert.StartsWith($"image '{image}' cannot run here: the built-in images are ", error.Message, StringComparison.Ordinal);
        Assert.Contains("gcr.io/knative-releases/knative.dev/eventing/cmd/appender (env MESSAGE, TYPE)", error.Message, StringComparison.Ordinal);
        Assert.Contains("gcr.io/knative-releases/knative.dev/eventing/cmd/event_display", error.Message, StringComparison.Ordinal);
        Assert.Contains(ServiceResource.UrlAnnotation, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Manifests.StepImage, "STEP")]
    [InlineData("gcr.io/knative-releases/knative.dev/eventing/cmd/appender", "MESSAGE")]
    [InlineData("gcr.io/knative-releases/knative.dev/eventing/cmd/appender", "TYPE")]
    public void Env_a_built_in_step_reads_from_valueFrom_is_refused_at_its_line_as_it_is_not_resolved_here(string image, string name)
    {
        string yaml = Manifests.StepService("first", 0)
            .Replace(Manifests.StepImage, image, StringComparison.Ordinal)
            .Replace("- name: STEP", $"- name: {name}", StringComparison.Ordinal)
            .Replace("value: \"0\"", "valueFrom: { configMapKeyRef: { name: appender, key: message } }", StringComparison.Ordinal);

        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(yaml));

        Assert.Equal("spec.template.spec.containers[0].env[0].valueFrom", error.Field);
        Assert.Equal(12, error.Location.Line);
        Assert.StartsWith($"env {name} takes a value from valueFrom, which is not resolved here", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Env_from_valueFrom_that_no_built_in_step_reads_is_left_alone()
    {
        string yaml = Manifests.StepService("first", 0) + Manifests.StepService("second", 1)
            .Replace("value: \"1\"", "value: \"1\"\n            - name: POD_NAME\n              valueFrom: { fieldRef: { fieldPath: metadata.name } }", StringComparison.Ordinal);

        ManifestLoadResult result = Manifests.Load(yaml);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
    }

    [Theory]
    [InlineData(Manifests.StepImage, null)]
    [InlineData("gcr.io/knative-releases/knative.dev/eventing/cmd/appender", "the built-in appender would run without MESSAGE and TYPE")]
    [InlineData(Manifests.DisplayImage, null)]
    public void EnvFrom_not_resolved_here_is_warned_about_where_it_may_hide_env_the_image_reads(string image, string? warned)
    {
        string yaml = $"""
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata:
              name: first
            spec:
              template:
                spec:
                  containers:
                    - image: {image}
                      envFrom:
                        - configMapRef:
                            name: appender
                      env:
                        - name: STEP
                          value: "0"
            """;

        ManifestLoadResult result = Manifests.Load(yaml);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        if (warned is not null)
        {
            ManifestDiagnostic warning = Assert.Single(result.Diagnostics);
            Assert.Equal(("spec.template.spec.containers[0].envFrom", 11, DiagnosticSeverity.Warning), (warning.Field, warning.Location.Line, warning.Severity));
            Assert.Equal($"is not resolved here (a Secret, or a ConfigMap these manifests do not declare), so {warned}; write the ones it reads under env, or declare the ConfigMap", warning.Message);
        }
        else
        {
            Assert.Empty(result.Diagnostics);
        }
    }

    [Theory]
    [InlineData("villardl/filter-nodejs:0.1", "the app runs only the samples' own, env FILTER Math.round(Date.parse(event.time) / 60000) % 2 === 0 or !== 0, as its C# step minute-parity: bind another to a C# step of yours, or serve it)")]
    [InlineData("docker.io/villardl/transformer-nodejs", "the app runs only a JSON object in parentheses, env TRANSFORMER ({\"message\": \"...\"}) as the samples' are, as its C# step set-data: bind another to a C# step of yours, or serve it)")]
    [InlineData("villardl/switcher-nodejs:0.1", "picking the branch the filter's URI path names; the app runs only the mutual-exclusivity sample's, env EXPRESSION Math.round(Date.parse(event.time) / 60000) % 2 with CASES a JSON array of whole numbers, as its C# step minute-switch: bind another to a C# step of yours, or serve it)")]
    [InlineData("docker.io/me/transformer-nodejs", null)]
    public void The_javascript_images_of_knative_s_parallel_samples_are_refused_naming_the_step_that_stands_in_for_each(string image, string? hint)
    {
        string yaml = Manifests.Display.Replace(Manifests.DisplayImage, image, StringComparison.Ordinal);

        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(yaml));

        Assert.StartsWith($"image '{image}' cannot run here", error.Message, StringComparison.Ordinal);
        if (hint is null)
        {
            Assert.DoesNotContain(ServiceReader.ParallelSampleHintStart, error.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.EndsWith(hint, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Several_images_that_cannot_run_here_are_explained_once_and_the_others_point_back()
    {
        string[] services = [.. new[] { ("mine", "ghcr.io/me/mine:1"), ("even-filter", "villardl/filter-nodejs:0.1"), ("odd-filter", "villardl/filter-nodejs:0.1") }.Select(s => $"""
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata:
              name: {s.Item1}
            spec:
              template:
                spec:
                  containers:
                    - image: {s.Item2}
            """)];

        ManifestDiagnostic[] errors = [.. Manifests.Load(string.Join("\n---\n", services)).Diagnostics];

        Assert.Equal(3, errors.Length);
        Assert.StartsWith("image 'ghcr.io/me/mine:1' cannot run here: the built-in images are ", errors[0].Message, StringComparison.Ordinal);
        Assert.All(errors[1..], e => Assert.Equal(
            "image 'villardl/filter-nodejs:0.1' cannot run here either (what can, and what to do instead: the error at test.yaml:9)" + ServiceReader.ParallelSampleHint("villardl/filter-nodejs:0.1"), e.Message));
        Assert.Equal(["Service/mine", "Service/even-filter", "Service/odd-filter"], errors.Select(e => e.Resource));
    }

    [Fact]
    public void Service_with_an_image_that_cannot_run_here_must_say_where_it_lives()
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load("""
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata:
              name: mine
            spec:
              template:
                spec:
                  containers:
                    - image: ghcr.io/me/mine:1
            """));

        Assert.Equal("spec.template.spec.containers[0].image", error.Field);
        Assert.Contains(ServiceResource.UrlAnnotation, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Service_with_url_annotation_or_in_app_step_annotation_runs_as_such()
    {
        ManifestSet set = Manifests.Load("""
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata:
              name: remote
              annotations:
                functionssequence.dev/url: http://localhost:8080/
            spec:
              template:
                spec:
                  containers:
                    - image: ghcr.io/me/mine:1
            ---
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata:
              name: shout
              annotations:
                functionssequence.dev/step: uppercase
            """).EnsureValid();

        Assert.Equal(ServiceRuntime.Http, set.Services["remote"].Runtime);
        Assert.Equal(new Uri("http://localhost:8080/"), set.Services["remote"].Url);
        Assert.Equal(ServiceRuntime.InApp, set.Services["shout"].Runtime);
        Assert.Equal("uppercase", set.Services["shout"].StepName);
    }

    [Fact]
    public void Unregistered_in_app_step_is_an_error_with_a_suggestion()
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load("""
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata:
              name: shout
              annotations:
                functionssequence.dev/step: upercase
            """));

        Assert.Contains("did you mean 'uppercase'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_service_without_a_numeric_STEP_is_an_error()
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(Manifests.StepService("first", 0).Replace("\"0\"", "zero", StringComparison.Ordinal)));

        Assert.Contains("STEP", error.Message, StringComparison.Ordinal);
    }
}
