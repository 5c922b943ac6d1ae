using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>Reads a file's documents as far as their kind and metadata.</summary>
internal static class ManifestDocuments
{
    private static readonly string[] TopLevelFields = ["apiVersion", "kind", "metadata", "spec", "status"];
    private static readonly string[] MetadataFields =
        ["name", "namespace", "labels", "annotations", "generateName", "uid", "resourceVersion", "generation", "creationTimestamp", "ownerReferences", "finalizers", "managedFields"];

    public static List<ManifestDocument> Read(string text, string file, List<ManifestDiagnostic> diagnostics, List<ReferenceUse> references)
    {
        var resources = new List<ManifestDocument>();
        foreach (YamlDocument document in YamlDocuments.Parse(text, file, diagnostics))
        {
            if (document.RootNode is YamlScalarNode { Value: null or "" })
            {
                continue; // an empty document between two '---' separators
            }

            var reader = new YamlNodeReader(file, diagnostics);
            if (reader.Mapping(document.RootNode, "(document)") is not { } root)
            {
                continue;
            }

            if (ReadResource(root, reader, references) is { } read)
            {
                resources.Add(read);
            }
        }

        return resources;
    }

    private static ManifestDocument? ReadResource(YamlMappingNode root, YamlNodeReader reader, List<ReferenceUse> references)
    {
        string? apiVersion = reader.Scalar(root, "apiVersion", string.Empty, required: true);
        string? kind = reader.Scalar(root, "kind", string.Empty, required: true);
        YamlMappingNode? metadata = reader.Mapping(YamlNodeReader.Child(root, "metadata"), "metadata");
        string? name = reader.Scalar(metadata, "name", "metadata", required: true);
        reader.Resource = kind is not null && name is not null ? $"{kind}/{name}" : null;
        if (!KubernetesWorkloads.HasOwnTopLevelFields(apiVersion, kind))
        {
            // A field at the top that is not one of these is most often a spec field indented too little.
            reader.CheckKeysWithHint(root, string.Empty, "; if it belongs to spec, indent it under spec", TopLevelFields);
        }

        if (metadata is null)
        {
            reader.Error(root, "metadata", "is required (with at least a name)");
        }

        if (kind is null || apiVersion is null || name is null || metadata is null)
        {
            return null;
        }

        reader.CheckKeys(metadata, "metadata", MetadataFields);
        var meta = new ResourceMetadata(
            name,
            reader.Scalar(metadata, "namespace", "metadata") ?? ResourceMetadata.DefaultNamespace,
            reader.StringMap(metadata, "labels", "metadata"),
            reader.StringMap(metadata, "annotations", "metadata"),
            reader.At(root));
        return new ManifestDocument(apiVersion, kind, meta, root, reader, new DestinationReader(reader, references));
    }
}
