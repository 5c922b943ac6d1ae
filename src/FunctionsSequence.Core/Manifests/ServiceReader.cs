using System.Globalization;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Steps;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>Reads a Knative Service (<c>serving.knative.dev/v1</c>, and v1alpha1's forms), or a Deployment's pod template, and decides what runs behind it.</summary>
internal static partial class ServiceReader
{
    /// <summary>The env of a container that sets none.</summary>
    internal static readonly Dictionary<string, string> NoEnvironment = [];

    /// <summary>What follows the image in its refusal, up to the images that can run: the loader says it in full once.</summary>
    public const string CannotRunHere = " cannot run here: the built-in images are ";

    /// <summary>How the hint on the refusal of an image of Knative's Parallel samples starts: the loader keeps the hint however short the rest is.</summary>
    public const string ParallelSampleHintStart = " (Knative's Parallel samples run a JavaScript expression from env in this image";

    /// <summary>
    /// What the refusal of an image of Knative's Parallel samples adds: which of its expressions the app runs
    /// as a C# step (<see cref="ParallelSampleImages"/>), or that it runs none.
    /// </summary>
    public static string ParallelSampleHint(string image) => BuiltInImages.ParallelSampleScript(image) switch
    {
        "filter-nodejs" => $"{ParallelSampleHintStart}; the app runs only the samples' own, env FILTER Math.round(Date.parse(event.time) / 60000) % 2 === 0 or !== 0, as its C# step {ParallelSampleImages.MinuteParity}: bind another to a C# step of yours, or serve it)",
        "transformer-nodejs" => $"{ParallelSampleHintStart}; the app runs only a JSON object in parentheses, env TRANSFORMER ({{\"message\": \"...\"}}) as the samples' are, as its C# step {ParallelSampleImages.SetData}: bind another to a C# step of yours, or serve it)",
        "switcher-nodejs" => $"{ParallelSampleHintStart}, picking the branch the filter's URI path names; the app runs only the mutual-exclusivity sample's, env EXPRESSION Math.round(Date.parse(event.time) / 60000) % 2 with CASES a JSON array of whole numbers, as its C# step {ParallelSampleImages.MinuteSwitch}: bind another to a C# step of yours, or serve it)",
        _ => string.Empty,
    };

    /// <summary>The Service of <paramref name="doc"/>, or null when it cannot run here (the errors are reported).</summary>
    public static ServiceResource? Read(ManifestDocument doc, YamlMappingNode? spec, IReadOnlyCollection<InAppStepRegistration> inAppSteps)
    {
        YamlNodeReader r = doc.Reader;
        if (spec is null)
        {
            return Decide(doc, doc.Metadata, new PodContainer(r, doc.Root, "spec", null, null, NoEnvironment), inAppSteps);
        }

        bool v1alpha1 = doc.ApiVersion == V1alpha1;
        (YamlMappingNode? template, YamlNode at, string path, bool explained) = FindRevisionTemplate(r, spec, v1alpha1);
        PodContainer container = ServingContainer.OfKnativeService(r, ReadPodTemplate(r, template, at, path, doc.Scope.ConfigMaps, out _, knativeService: true, v1alpha1));
        return Decide(doc, doc.Metadata, container with { Explained = container.Explained || explained }, inAppSteps);
    }

    /// <summary>
    /// Every container of a workload's pod template (<c>spec.template</c> of a Deployment, StatefulSet...), in order; when it has none, one without
    /// an image that says where one belongs. <paramref name="labels"/> are the template's labels, which a Kubernetes
    /// Service selects by.
    /// </summary>
    public static IReadOnlyList<PodContainer> ReadTemplate(
        YamlNodeReader r, YamlMappingNode spec, IReadOnlyDictionary<string, ConfigMapData> configMaps, out IReadOnlyDictionary<string, string> labels) =>
        ReadPodTemplate(r, r.Mapping(YamlNodeReader.Child(spec, "template"), "spec.template"), spec, "spec.template", configMaps, out labels, knativeService: false, v1alpha1: false);

    /// <summary>Every container of a bare Pod (<paramref name="root"/>, whose <c>metadata</c> and <c>spec</c> are a pod template's), as <see cref="ReadTemplate"/>.</summary>
    public static IReadOnlyList<PodContainer> ReadPod(YamlNodeReader r, YamlMappingNode root, IReadOnlyDictionary<string, ConfigMapData> configMaps)
    {
        ArgumentNullException.ThrowIfNull(r);
        return ReadPodSpec(r, r.Mapping(YamlNodeReader.Child(root, "spec"), "spec"), root, "spec", configMaps, knativeService: false, v1alpha1: false);
    }

    /// <summary>What every message about an env entry's <c>valueFrom</c> says of it.</summary>
    private const string Unresolved = "a value from valueFrom, which is not resolved here (only a ConfigMap these manifests declare is)";

    /// <summary>
    /// Every container of the pod template <paramref name="template"/> at <paramref name="path"/>, in order; when it has
    /// none, one without an image reported at <paramref name="at"/>. A Knative Service's template is also held to what
    /// Knative Serving lets it set, and a v1alpha1 one may give its lone container as <c>container</c>.
    /// </summary>
    private static IReadOnlyList<PodContainer> ReadPodTemplate(
        YamlNodeReader r, YamlMappingNode? template, YamlNode at, string path, IReadOnlyDictionary<string, ConfigMapData> configMaps,
        out IReadOnlyDictionary<string, string> labels, bool knativeService, bool v1alpha1)
    {
        labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (template is null)
        {
            return [new PodContainer(r, at, $"{path}.spec.containers", null, null, NoEnvironment)];
        }

        r.CheckKeys(template, path, "metadata", "spec");
        labels = r.StringMap(r.Mapping(YamlNodeReader.Child(template, "metadata"), $"{path}.metadata"), "labels", $"{path}.metadata");
        return ReadPodSpec(r, r.Mapping(YamlNodeReader.Child(template, "spec"), $"{path}.spec"), at, $"{path}.spec", configMaps, knativeService, v1alpha1);
    }

    /// <summary>Every container of the pod spec <paramref name="podSpec"/> at <paramref name="specPath"/>, as <see cref="ReadPodTemplate"/> says.</summary>
    private static IReadOnlyList<PodContainer> ReadPodSpec(
        YamlNodeReader r, YamlMappingNode? podSpec, YamlNode at, string specPath, IReadOnlyDictionary<string, ConfigMapData> configMaps, bool knativeService, bool v1alpha1)
    {
        string containersPath = $"{specPath}.containers";
        var none = new PodContainer(r, at, containersPath, null, null, NoEnvironment);
        if (podSpec is null)
        {
            return [none];
        }

        IReadOnlySet<string> misspelt = r.CheckKeys(podSpec, specPath, v1alpha1 ? PodTemplateFields.V1alpha1RevisionSpec : PodTemplateFields.PodSpec);
        if (knativeService)
        {
            PodTemplateFields.CheckServingPodSpec(r, podSpec, specPath);
        }

        if (v1alpha1 && OneOf(r, podSpec, specPath, "containers", "container") is ("container", _, YamlNode single))
        {
            return [ReadContainer(r, single, $"{specPath}.container", configMaps, knativeService)];
        }

        YamlSequenceNode? containers = r.Sequence(YamlNodeReader.Child(podSpec, "containers"), containersPath);
        return containers is { Children.Count: > 0 }
            ? [.. containers.Children.Select((node, i) => ReadContainer(r, node, $"{containersPath}[{i}]", configMaps, knativeService))]
            : [none with { At = YamlNodeReader.Child(podSpec, "containers") ?? podSpec, Explained = containers is null && (misspelt.Contains("containers") || misspelt.Contains("container")) }];
    }

    /// <summary>
    /// What runs behind a Service named by <paramref name="metadata"/>: the annotations of <paramref name="annotated"/>
    /// (an in-app step, a URL), else the container's image (the built-in appender or display).
    /// </summary>
    public static ServiceResource? Decide(ManifestDocument annotated, ResourceMetadata metadata, PodContainer container, IReadOnlyCollection<InAppStepRegistration> inAppSteps)
    {
        YamlNodeReader r = annotated.Reader;
        string? image = container.Image;
        IReadOnlyDictionary<string, string> env = container.Environment;
        string? stepName = annotated.Metadata.Annotations.GetValueOrDefault(ServiceResource.StepAnnotation);
        string? urlText = annotated.Metadata.Annotations.GetValueOrDefault(ServiceResource.UrlAnnotation);
        if (stepName is not null)
        {
            InAppStepRegistration? step = inAppSteps.FirstOrDefault(s => s.Name == stepName);
            if (step is null && inAppSteps.Count > 0)
            {
                string[] names = [.. inAppSteps.Select(s => s.Name)];
                r.Error(annotated.AnnotationNode(ServiceResource.StepAnnotation), ManifestDocument.AnnotationField(ServiceResource.StepAnnotation), $"no in-app step is registered as '{stepName}'{Spelling.DidYouMean(stepName, names)} (registered: {string.Join(", ", names)})");
            }

            ReportEnvFrom(container, $"the C# step '{stepName}'", []);
            string unresolved = container.ValueFrom is { Count: > 0 } from
                ? $" ({AttributeErrors.List([.. from.Keys])} take{(from.Count == 1 ? "s" : string.Empty)} {Unresolved})"
                : string.Empty;
            return InApp(metadata, container, stepName, step, env, inAppSteps, $"the C# step '{stepName}'", unresolved);
        }

        if (urlText is not null)
        {
            if (!Uri.TryCreate(urlText, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                r.Error(annotated.AnnotationNode(ServiceResource.UrlAnnotation), ManifestDocument.AnnotationField(ServiceResource.UrlAnnotation), $"'{ShownUri.Of(urlText)}' is not an absolute http(s) URL");
                return null;
            }

            return new ServiceResource(metadata, ServiceRuntime.Http, image, env, null, url);
        }

        YamlNodeReader at = container.Reader;
        if (image is null)
        {
            if (container.Explained)
            {
                return null; // the misspelt key is the finding
            }

            at.Error(container.At, container.Path, "a Service needs a container image (or the annotation " + ServiceResource.UrlAnnotation + " saying where it is served)");
            return null;
        }

        if (BuiltInImages.IsDisplay(image))
        {
            return new ServiceResource(metadata, ServiceRuntime.Display, image, env, null, null);
        }

        if (BuiltInImages.IsStepAppender(image))
        {
            ReportEnvFrom(container, "the built-in step", "STEP");
            if (ReportValueFrom(container, "STEP"))
            {
                return null;
            }

            if (!env.TryGetValue("STEP", out string? step) || !int.TryParse(step, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                at.Error(container.EnvNode ?? container.At, $"{container.Path}.env", $"the step image needs env STEP set to a whole number (found '{step ?? "nothing"}')");
                return null;
            }

            return new ServiceResource(metadata, ServiceRuntime.Appender, image, env, null, null);
        }

        if (BuiltInImages.IsMessageAppender(image))
        {
            ReportEnvFrom(container, "the built-in appender", "MESSAGE", "TYPE");
            return ReportValueFrom(container, "MESSAGE", "TYPE") ? null : new ServiceResource(metadata, ServiceRuntime.Appender, image, env, null, null);
        }

        if (ParallelSampleImages.StandIn(image, env, inAppSteps) is { } standIn)
        {
            return InApp(metadata, container, standIn.Step, standIn.Registration, standIn.Environment, inAppSteps, $"the C# step '{standIn.Step}', which runs this image's expression,", string.Empty);
        }

        at.Error(container.At, $"{container.Path}.image",
            $"image '{image}'{CannotRunHere}{BuiltInImages.Listed}. " +
            $"Say where this Service is served with the annotation {ServiceResource.UrlAnnotation}: http://..., " +
            $"or bind it to a C# step with {ServiceResource.StepAnnotation}: <name>" +
            ParallelSampleHint(image));
        return null;
    }

    /// <summary>
    /// A Service that runs the in-app step <paramref name="stepName"/> with <paramref name="env"/>, or null when the
    /// step's <see cref="InAppStepRegistration.CheckEnvironment"/> refuses that env (reported as <paramref name="who"/>
    /// cannot run with it). It takes a destination's path when its step does, or when no steps are known.
    /// </summary>
    private static ServiceResource? InApp(
        ResourceMetadata metadata, PodContainer container, string stepName, InAppStepRegistration? step, IReadOnlyDictionary<string, string> env,
        IReadOnlyCollection<InAppStepRegistration> inAppSteps, string who, string unresolved)
    {
        if (step?.CheckEnvironment?.Invoke(env) is { } problem)
        {
            container.Reader.Error(container.EnvNode ?? container.At, $"{container.Path}.env", $"{who} cannot run with this env: {problem}{unresolved}");
            return null;
        }

        // What a C# step reads is its own business, so an unresolved value is a warning where a built-in step's is an error.
        foreach ((string name, (YamlNode at, string field)) in container.ValueFrom ?? new Dictionary<string, (YamlNode, string)>())
        {
            container.Reader.Warning(at, field,
                $"env {name} takes {Unresolved}: {who} gets '' for it; give it a value, or have the step read the secret from the app's settings");
        }

        return new ServiceResource(metadata, ServiceRuntime.InApp, container.Image, env, stepName, null) { StepTakesPath = step?.TakesPath ?? inAppSteps.Count == 0 };
    }

    /// <summary>
    /// Reports each of <paramref name="names"/>, env a built-in image reads, that takes its value from <c>valueFrom</c>
    /// (a ConfigMap, a Secret, a field): that is not resolved here, and running without it would change the output unsaid.
    /// </summary>
    private static bool ReportValueFrom(PodContainer container, params string[] names)
    {
        bool found = false;
        foreach (string name in names)
        {
            if (container.ValueFrom is not null && container.ValueFrom.TryGetValue(name, out (YamlNode At, string Field) source))
            {
                container.Reader.Error(source.At, source.Field, $"env {name} takes {Unresolved}: the built-in step reads {name}, so give it a value or declare the ConfigMap");
                found = true;
            }
        }

        return found;
    }

    /// <summary>
    /// Warns that <c>envFrom</c> is not read, where it may hide a variable <paramref name="reader"/> reads: one of
    /// <paramref name="reads"/> not under <c>env</c> (for a C# step, whose reads are unknown, any). A MESSAGE kept in a
    /// ConfigMap would otherwise change the output unsaid.
    /// </summary>
    private static void ReportEnvFrom(PodContainer container, string reader, params string[] reads)
    {
        string[] missing = [.. reads.Where(name => !container.Environment.ContainsKey(name))];
        if (container.EnvFrom is { } envFrom && (reads.Length == 0 || missing.Length > 0))
        {
            string what = missing.Length > 0 ? $"{reader} would run without {string.Join(" and ", missing)}" : $"{reader} gets none of its variables";
            container.Reader.Warning(envFrom, $"{container.Path}.envFrom",
                $"is not resolved here (a Secret, or a ConfigMap these manifests do not declare), so {what}; write the ones it reads under env, or declare the ConfigMap");
        }
    }

    private static PodContainer ReadContainer(YamlNodeReader r, YamlNode node, string path, IReadOnlyDictionary<string, ConfigMapData> configMaps, bool knativeService)
    {
        YamlMappingNode? container = r.Mapping(node, path);
        if (container is null)
        {
            return new PodContainer(r, node, path, null, null, NoEnvironment);
        }

        // An image key misspelt is the one finding: not also a missing image, twice.
        bool imageMisspelt = r.CheckKeys(container, path, PodTemplateFields.Container).Contains("image");
        if (knativeService)
        {
            PodTemplateFields.CheckServingContainer(r, container, path);
        }

        string? image = r.Text(container, "image", path, required: !imageMisspelt);
        var env = ContainerEnv.Read(r, container, path, configMaps);
        return new PodContainer(r, YamlNodeReader.Child(container, "image") ?? container, path, image, YamlNodeReader.Child(container, "env"), env.Values)
        {
            ValueFrom = env.ValueFrom,
            EnvFrom = env.Unresolved,
            Entry = container,
            Explained = imageMisspelt || r.Refused(YamlNodeReader.Child(container, "image")),
            Name = r.Text(container, "name", path),
            Ports = r.Sequence(YamlNodeReader.Child(container, "ports"), $"{path}.ports")?.Children.ToList() ?? [],
        };
    }
}
