using FunctionsSequence.Core.Hosting;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSequence.Core.Tests;

/// <summary>Shared manifest text for tests: the seed's services, so each test only writes what it is about.</summary>
internal static class Manifests
{
    public const string StepImage = "registry.cn-hangzhou.aliyuncs.com/knative-sample/probable-summer:2656f39a7fcb6afd9fc79e7a4e215d14d651dc674f38020d1d18c6f04b220700";
    public const string DisplayImage = "registry.cn-hangzhou.aliyuncs.com/knative-release/event_display:bf45b3eb1e7fc4cb63d6a5a6416cf696295484a7662e0cf9ccdf5c080542c21d";

    public static string StepService(string name, int step) => $"""
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata:
          name: {name}
        spec:
          template:
            spec:
              containers:
                - image: {StepImage}
                  env:
                    - name: STEP
                      value: "{step}"
        ---

        """;

    /// <summary>Service <paramref name="name"/> bound to the C# step <paramref name="step"/> registered in the app.</summary>
    public static string InAppStepService(string name, string step) => $"""
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata:
          name: {name}
          annotations:
            functionssequence.dev/step: {step}
        spec:
          template:
            spec:
              containers:
                - image: functionssequence/in-app-step
        ---

        """;

    public static readonly string Display = $"""
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata:
          name: event-display
        spec:
          template:
            spec:
              containers:
                - image: {DisplayImage}
        ---

        """;

    /// <summary>
    /// Sequence seq: one step, Service step-0 (the seed's appender, included), replying to
    /// <paramref name="reply"/> (a destination in YAML's flow style), or to nothing.
    /// </summary>
    public static string OneStepSequence(string? reply = null) => StepService("step-0", 0) + StepZeroSequence("seq", reply);

    /// <summary><see cref="OneStepSequence"/> replying to Sequence <c>next</c>, declared beside it with the same step.</summary>
    public static string OneStepSequenceReplyingToNext() =>
        OneStepSequence("{ ref: { apiVersion: flows.knative.dev/v1, kind: Sequence, name: next } }") + "---\n" + StepZeroSequence("next");

    /// <summary>Sequence <paramref name="name"/>, whose one step is Service step-0 (not included), replying to <paramref name="reply"/> or to nothing.</summary>
    private static string StepZeroSequence(string name, string? reply = null) => $$"""
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: {{name}} }
        spec:
          steps:
            - ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: step-0 }

        """ + (reply is null ? "" : $"  reply: {reply}\n");

    /// <summary>
    /// Broker <c>default</c> and Trigger <c>t</c> on it, no filter, delivering to <paramref name="subscriber"/> with
    /// <paramref name="delivery"/> (both in YAML's flow style), or with none.
    /// </summary>
    public static string BrokerAndTrigger(string subscriber, string? delivery = null) => $$"""
        apiVersion: eventing.knative.dev/v1
        kind: Broker
        metadata: { name: default }
        ---
        apiVersion: eventing.knative.dev/v1
        kind: Trigger
        metadata: { name: t }
        spec:
          broker: default
          subscriber: {{subscriber}}

        """ + (delivery is null ? "" : $"  delivery: {delivery}\n");

    public static string Samples(string scenario) => Path.Combine(AppContext.BaseDirectory, "samples", scenario);

    public static ManifestLoadResult Load(string yaml) => new ManifestLoader([new("uppercase")]).LoadText(yaml, "test.yaml");

    /// <summary>
    /// Core's services over <paramref name="yaml"/>'s manifests, with logging and nothing else of a
    /// host's but what <paramref name="configure"/> registers first, in place of Core's own.
    /// </summary>
    public static ServiceProvider Provider(string yaml, Action<IServiceCollection>? configure = null)
    {
        var collection = new ServiceCollection();
        configure?.Invoke(collection);
        collection.AddLogging();
        collection.AddFunctionsSequence(Load(yaml).EnsureValid());
        return collection.BuildServiceProvider();
    }

    public static ManifestDiagnostic SingleError(ManifestLoadResult result)
    {
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 1, "expected one error, got:\n" + string.Join("\n", result.Diagnostics));
        return errors[0];
    }
}
