using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>One YAML document of a manifest, read as far as its kind and metadata, with the readers of its fields.</summary>
/// <param name="ApiVersion">Its <c>apiVersion</c>.</param>
/// <param name="Kind">Its <c>kind</c>.</param>
/// <param name="Metadata">Its <c>metadata</c>.</param>
/// <param name="Root">The document's root mapping.</param>
/// <param name="Reader">Reads its fields, reporting problems with file, line and field path.</param>
/// <param name="Scope">What the documents of its load share.</param>
internal sealed record ManifestDocument(
    string ApiVersion, string Kind, ResourceMetadata Metadata, YamlMappingNode Root, YamlNodeReader Reader, ManifestScope Scope)
{
    /// <summary>Reads its destinations and delivery specs.</summary>
    public DestinationReader Destinations { get; } = new(Reader, Scope, Metadata.Namespace);

    /// <summary>The field path of an annotation: map keys are written <c>.key</c>, as for <c>spec.filter.attributes</c>.</summary>
    public static string AnnotationField(string key) => $"metadata.annotations.{key}";

    /// <summary>Where the annotation <paramref name="key"/> is written (its value, else the annotations), for findings about it.</summary>
    public YamlNode? AnnotationNode(string key)
    {
        YamlNode? annotations = YamlNodeReader.Child(YamlNodeReader.Child(Root, "metadata") as YamlMappingNode, "annotations");
        return YamlNodeReader.Child(annotations as YamlMappingNode, key) ?? annotations;
    }
}
