using System.Globalization;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>Reads a Knative Service (<c>serving.knative.dev/v1</c>) and decides what runs behind it.</summary>
internal static class ServiceReader
{
    private static readonly string[] ContainerFields =
        ["name", "image", "env", "envFrom", "ports", "args", "command", "resources", "imagePullPolicy", "livenessProbe", "readinessProbe", "startupProbe", "volumeMounts", "workingDir", "securityContext"];

    /// <summary>The Service of <paramref name="doc"/>, or null when it cannot run here (the errors are reported).</summary>
    public static ServiceResource? Read(ManifestDocument doc, YamlMappingNode? spec, IReadOnlyCollection<string> inAppSteps)
    {
        YamlNodeReader r = doc.Reader;
        string? image = null;
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (spec is not null)
        {
            r.CheckKeys(spec, "spec", "template", "traffic", "runLatest", "release", "pinned", "manual");
            if (r.Mapping(YamlNodeReader.Child(spec, "template"), "spec.template") is { } template)
            {
                r.CheckKeys(template, "spec.template", "metadata", "spec");
                if (r.Mapping(YamlNodeReader.Child(template, "spec"), "spec.template.spec") is { } podSpec)
                {
                    r.CheckKeys(podSpec, "spec.template.spec", "containers", "containerConcurrency", "timeoutSeconds", "serviceAccountName", "volumes", "imagePullSecrets", "enableServiceLinks", "responseStartTimeoutSeconds", "idleTimeoutSeconds", "nodeSelector", "tolerations", "affinity");
                    if (r.Sequence(YamlNodeReader.Child(podSpec, "containers"), "spec.template.spec.containers") is { Children.Count: > 0 } containers)
                    {
                        (image, env) = ReadContainer(r, containers.Children[0], "spec.template.spec.containers[0]");
                    }
                }
            }
        }

        string? stepName = doc.Metadata.Annotations.GetValueOrDefault(ServiceResource.StepAnnotation);
        string? urlText = doc.Metadata.Annotations.GetValueOrDefault(ServiceResource.UrlAnnotation);
        if (stepName is not null)
        {
            if (inAppSteps.Count > 0 && !inAppSteps.Contains(stepName, StringComparer.Ordinal))
            {
                r.Error(doc.AnnotationNode(ServiceResource.StepAnnotation), ManifestDocument.AnnotationField(ServiceResource.StepAnnotation), $"no in-app step is registered as '{stepName}'{Spelling.DidYouMean(stepName, inAppSteps)} (registered: {string.Join(", ", inAppSteps)})");
            }

            return new ServiceResource(doc.Metadata, ServiceRuntime.InApp, image, env, stepName, null);
        }

        if (urlText is not null)
        {
            if (!Uri.TryCreate(urlText, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                r.Error(doc.AnnotationNode(ServiceResource.UrlAnnotation), ManifestDocument.AnnotationField(ServiceResource.UrlAnnotation), $"'{urlText}' is not an absolute http(s) URL");
                return null;
            }

            return new ServiceResource(doc.Metadata, ServiceRuntime.Http, image, env, null, url);
        }

        if (image is null)
        {
            if (spec is not null)
            {
                r.Error(spec, "spec.template.spec.containers", "a Service needs a container image (or the annotation " + ServiceResource.UrlAnnotation + " saying where it is served)");
            }
            else
            {
                r.Error(doc.Root, "spec", "is required: a Service needs spec.template.spec.containers");
            }

            return null;
        }

        if (BuiltInImages.IsDisplay(image))
        {
            return new ServiceResource(doc.Metadata, ServiceRuntime.Display, image, env, null, null);
        }

        if (BuiltInImages.IsAppender(image))
        {
            if (!env.TryGetValue("STEP", out string? step) || !int.TryParse(step, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                r.Error(spec, "spec.template.spec.containers[0].env", $"the step image needs env STEP set to a whole number (found '{step ?? "nothing"}')");
                return null;
            }

            return new ServiceResource(doc.Metadata, ServiceRuntime.Appender, image, env, null, null);
        }

        r.Error(spec, "spec.template.spec.containers[0].image",
            $"image '{image}' cannot run here: only the seed's step and event_display images are built in. " +
            $"Say where this Service is served with the annotation {ServiceResource.UrlAnnotation}: http://..., " +
            $"or bind it to a C# step with {ServiceResource.StepAnnotation}: <name>");
        return null;
    }

    private static (string? Image, Dictionary<string, string> Env) ReadContainer(YamlNodeReader r, YamlNode node, string path)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        YamlMappingNode? container = r.Mapping(node, path);
        if (container is null)
        {
            return (null, env);
        }

        r.CheckKeys(container, path, ContainerFields);
        string? image = r.Scalar(container, "image", path, required: true);
        if (r.Sequence(YamlNodeReader.Child(container, "env"), $"{path}.env") is { } envList)
        {
            for (int i = 0; i < envList.Children.Count; i++)
            {
                string envPath = $"{path}.env[{i}]";
                if (r.Mapping(envList.Children[i], envPath) is { } item)
                {
                    r.CheckKeys(item, envPath, "name", "value", "valueFrom");
                    string? name = r.Scalar(item, "name", envPath, required: true);
                    if (name is not null)
                    {
                        env[name] = r.Scalar(item, "value", envPath) ?? string.Empty;
                    }
                }
            }
        }

        return (image, env);
    }

}
