using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>Where a Knative Service keeps its revision template: <c>spec.template</c>, or one of v1alpha1's forms.</summary>
internal static partial class ServiceReader
{
    private const string V1alpha1 = "serving.knative.dev/v1alpha1";

    /// <summary>serving.knative.dev/v1alpha1's forms beside <c>template</c>: the first three hold a configuration, <c>manual</c> none.</summary>
    private static readonly string[] V1alpha1Forms = ["runLatest", "release", "pinned", "manual"];

    /// <summary>
    /// The revision template of a Knative Service's <paramref name="spec"/> (null when there is none, then reported at
    /// <c>At</c>) and its field path: <c>spec.template</c>, or in <paramref name="v1alpha1"/> the configuration's
    /// <c>revisionTemplate</c> (or <c>template</c>) of <c>runLatest</c>, <c>release</c> or <c>pinned</c>, whose one revision
    /// runs here. As Knative's webhook, a second form is refused; so is <c>manual</c>, which names nothing to run.
    /// <c>Explained</c> is true when a finding already says why there is no template.
    /// </summary>
    private static (YamlMappingNode? Template, YamlNode At, string Path, bool Explained) FindRevisionTemplate(
        YamlNodeReader r, YamlMappingNode spec, bool v1alpha1)
    {
        IReadOnlySet<string> misspelt = r.CheckKeys(spec, "spec", ["template", "traffic", .. V1alpha1Forms]);
        bool explained = misspelt.Contains("template") || misspelt.Overlaps(V1alpha1Forms);
        if (!v1alpha1)
        {
            foreach (YamlScalarNode key in spec.Children.Keys.OfType<YamlScalarNode>().Where(k => V1alpha1Forms.Contains(k.Value)))
            {
                r.Error(key, $"spec.{key.Value}", $"is a field of {V1alpha1} only: set apiVersion: {V1alpha1}, or write its configuration.revisionTemplate as spec.template");
                explained = true;
            }
        }

        switch (OneOf(r, spec, "spec", v1alpha1 ? ["template", .. V1alpha1Forms] : ["template"]))
        {
            case ("template", _, YamlNode template):
                return (r.Mapping(template, "spec.template"), spec, "spec.template", explained);
            case ("manual", YamlNode manual, _):
                r.Error(manual, "spec.manual",
                    "names no revision to run (in Knative it left the routes to be set by hand): write the container under " +
                    "spec.runLatest.configuration.revisionTemplate.spec.container, or as spec.template.spec.containers: [ ... ], which serving.knative.dev/v1 takes");
                return (null, manual, "spec.manual", true);
            case (string form, _, YamlNode mode):
                return FromConfiguration(r, mode, $"spec.{form}", form);
            default:
                return (null, spec, "spec.template", explained);
        }
    }

    /// <summary>The revision template under <c>configuration</c> of the v1alpha1 form <paramref name="form"/> at <paramref name="path"/>.</summary>
    private static (YamlMappingNode? Template, YamlNode At, string Path, bool Explained) FromConfiguration(
        YamlNodeReader r, YamlNode node, string path, string form)
    {
        string configurationPath = $"{path}.configuration";
        string revisionTemplatePath = $"{configurationPath}.revisionTemplate";
        if (r.Mapping(node, path) is not { } mode)
        {
            return (null, node, revisionTemplatePath, false);
        }

        string[] known = form switch
        {
            "release" => ["configuration", "revisions", "rolloutPercent"],
            "pinned" => ["configuration", "revisionName"],
            _ => ["configuration"],
        };
        bool explained = r.CheckKeys(mode, path, known).Contains("configuration");
        if (r.Mapping(YamlNodeReader.Child(mode, "configuration"), configurationPath) is not { } configuration)
        {
            return (null, mode, revisionTemplatePath, explained);
        }

        explained = r.CheckKeys(configuration, configurationPath, "revisionTemplate", "template").Count > 0;
        return OneOf(r, configuration, configurationPath, "revisionTemplate", "template") is (string key, _, YamlNode template)
            ? (r.Mapping(template, $"{configurationPath}.{key}"), configuration, $"{configurationPath}.{key}", explained)
            : (null, configuration, revisionTemplatePath, explained);
    }

    /// <summary>
    /// The first of <paramref name="keys"/> that <paramref name="map"/> has, with its key node and value; each later one is refused at
    /// its key, as Knative's webhook refuses more than one of a one-of ("expected exactly one, got both").
    /// </summary>
    private static (string Name, YamlNode Key, YamlNode Value)? OneOf(YamlNodeReader r, YamlMappingNode map, string path, params string[] keys)
    {
        (string Name, YamlNode Key, YamlNode Value)? first = null;
        foreach ((YamlNode key, YamlNode value) in map.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } || !keys.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            if (first is { } kept)
            {
                r.Error(key, YamlNodeReader.Join(path, name),
                    $"expected exactly one, got both: {YamlNodeReader.Join(path, kept.Name)} and {YamlNodeReader.Join(path, name)} (Knative takes one of {string.Join(", ", keys)}); keep one");
            }
            else
            {
                first = (name, key, value);
            }
        }

        return first;
    }
}
