using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Hosting;
using FunctionsSequence.Core.Steps;
using FunctionsSequence.Core.Yaml;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>Ref forms from knative/docs beyond apiVersion, kind and name: a group in place of the apiVersion, a path on a built-in image.</summary>
public sealed partial class ManifestLoaderTests
{
    [Fact] // knative/docs' kreference-group feature: group in place of apiVersion
    public void A_ref_with_a_group_in_place_of_its_api_version_is_the_kinds_version_in_that_group()
    {
        Destination step = StepOf(StepTo("ref: { group: serving.knative.dev, kind: Service, name: api }"));

        Assert.Equal(("serving.knative.dev/v1", "Service", "api"), (step.Ref!.ApiVersion, step.Ref.Kind, step.Ref.Name));

        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(StepTo("ref: { group: flows.knative.dev, kind: Service, name: api }")));
        Assert.Equal(("spec.steps[0].ref.group", "'flows.knative.dev' is not a group of Service (expected serving.knative.dev)"), (error.Field, error.Message));

        // An empty group is no group: the apiVersion is required, as without one.
        ManifestDiagnostic empty = Manifests.SingleError(Manifests.Load(StepTo("ref: { group: \"\", kind: Service, name: api }")));
        Assert.Equal("spec.steps[0].ref.apiVersion", empty.Field);
    }

    [Theory] // knative/docs' Trigger with a path on a Service ref; Knative's event_display serves every path alike
    [InlineData("{ ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }, uri: /my-custom-path }")]
    [InlineData("{ uri: \"http://event-display.default.svc.cluster.local/my-custom-path?x=1\" }")]
    public async Task A_path_on_a_built_in_image_is_served_as_its_image_serves_every_path(string step)
    {
        Destination destination = StepOf(StepTo(step));
        var printed = new PrintedBlocks();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<IEventDisplaySink>(printed);
        collection.AddFunctionsSequence(Manifests.Load(StepTo(step)).EnsureValid());
        await using ServiceProvider services = collection.BuildServiceProvider();
        var input = new CloudEvent { Id = "e-1", Source = new Uri("/test", UriKind.Relative), Type = "t" };

        CloudEvent? answer = await services.GetRequiredService<ServiceInvoker>().InvokeAsync(destination, input, AnswerUse.Output, via: null, format: null, default);

        Assert.Null(answer);
        Assert.Contains("  id: e-1\n", Assert.Single(printed.Blocks), StringComparison.Ordinal);
    }
}
