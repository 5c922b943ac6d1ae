using System.Text.RegularExpressions;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>
/// Reads a file's documents as far as their kind and metadata. A <c>kind: List</c> (what
/// <c>kubectl get -o yaml</c> writes) stands for its <c>items</c>, as <c>kubectl apply</c> reads it;
/// a Kustomization is skipped with a warning, as it is kustomize's input, not a resource.
/// </summary>
internal static partial class ManifestDocuments
{
    private const string KustomizeGroup = "kustomize.config.k8s.io/";

    /// <summary>The names kustomize looks for; such a file may leave out its apiVersion and kind.</summary>
    private static readonly string[] KustomizationFiles = ["kustomization.yaml", "kustomization.yml", "Kustomization"];
    private static readonly string[] TopLevelFields = ["apiVersion", "kind", "metadata", "spec", "status"];
    private static readonly string[] MetadataFields =
        ["name", "namespace", "labels", "annotations", "generateName", "uid", "resourceVersion", "generation", "creationTimestamp", "ownerReferences", "finalizers", "managedFields"];

    /// <param name="text">The file's text.</param>
    /// <param name="file">Its path, for findings.</param>
    /// <param name="diagnostics">Where findings go.</param>
    /// <param name="scope">What the documents of this load share.</param>
    /// <param name="inFolder">
    /// Whether the file was found by walking a folder: then a document that is no Kubernetes object is skipped with a
    /// warning, as a project's folders hold settings too (<c>local.settings.json</c>, <c>azure.yaml</c>).
    /// </param>
    public static List<ManifestDocument> Read(string text, string file, List<ManifestDiagnostic> diagnostics, ManifestScope scope, bool inFolder = false)
    {
        var resources = new List<ManifestDocument>();
        int before = diagnostics.Count;
        List<YamlDocument> parsed = YamlDocuments.Parse(text, file, diagnostics);
        scope.Unparsed.AddRange(diagnostics.Skip(before).Select(d => d.Location)); // Parse's findings are the documents it could not read
        foreach (YamlDocument document in parsed)
        {
            if (document.RootNode is YamlScalarNode { Value: null or "" })
            {
                continue; // an empty document between two '---' separators
            }

            // A document in flow style (JSON, or YAML written as JSON) may be one line: its findings carry columns.
            bool columns = document.RootNode is YamlMappingNode { Style: MappingStyle.Flow } or YamlSequenceNode { Style: SequenceStyle.Flow };
            var reader = new YamlNodeReader(file, diagnostics, columns);
            if (inFolder && !IsObject(document.RootNode) && !KustomizationFiles.Contains(Path.GetFileName(file), StringComparer.Ordinal))
            {
                reader.Warning(document.RootNode, "(document)", "skipped: not a Kubernetes object (it has no apiVersion or kind), as settings found in a folder are not; give the file's own path to read it as a manifest");
                continue;
            }

            if (reader.Mapping(document.RootNode, "(document)") is not { } root)
            {
                continue;
            }

            if (ListItems(root, reader) is { } items)
            {
                foreach (YamlNode item in items)
                {
                    var itemReader = new YamlNodeReader(file, diagnostics, columns);
                    if (itemReader.Mapping(item, "items[]") is { } resource && ReadResource(resource, itemReader, scope) is { } read)
                    {
                        resources.Add(read);
                    }
                }
            }
            else if (ReadResource(root, reader, scope) is { } read)
            {
                resources.Add(read);
            }
        }

        return resources;
    }

    private static bool IsObject(YamlNode root) =>
        root is YamlMappingNode map && (YamlNodeReader.Child(map, "kind") is not null || YamlNodeReader.Child(map, "apiVersion") is not null);

    /// <summary>The items of a <c>List</c> (or a typed list such as <c>SequenceList</c>), or null for any other document.</summary>
    private static YamlSequenceNode? ListItems(YamlMappingNode root, YamlNodeReader reader)
    {
        YamlNode? items = YamlNodeReader.Child(root, "items");
        bool isList = YamlNodeReader.Child(root, "kind") is YamlScalarNode { Value: { } kind } && kind.EndsWith("List", StringComparison.Ordinal);
        return isList && items is not null ? reader.Sequence(items, "items") ?? [] : null;
    }

    private static ManifestDocument? ReadResource(YamlMappingNode root, YamlNodeReader reader, ManifestScope scope)
    {
        YamlNode? kindNode = YamlNodeReader.Child(root, "kind");
        YamlNode? apiVersionNode = YamlNodeReader.Child(root, "apiVersion");
        bool kustomization = apiVersionNode is YamlScalarNode { Value: { } group } && group.StartsWith(KustomizeGroup, StringComparison.Ordinal)
            || (kindNode is null && KustomizationFiles.Contains(Path.GetFileName(reader.File), StringComparer.Ordinal));
        if (kustomization)
        {
            reader.Warning(kindNode ?? root, "kind", "skipped: a Kustomization is kustomize's input, not a resource; the manifests it lists are read only when they are in the files or folders given, and without its namespace, patches, prefixes or labels (to run what it builds: kubectl kustomize DIR | fseq run -)");
            return null;
        }

        if (kindNode is null && apiVersionNode is null)
        {
            reader.Error(root, "(document)", "is not a Kubernetes object: it has no apiVersion or kind");
            return null;
        }

        string? apiVersion = reader.Text(root, "apiVersion", string.Empty, required: true);
        string? kind = reader.Text(root, "kind", string.Empty, required: true);
        reader.Resource = kind; // until the name is known, so that its own error says what it is missing from
        YamlNode? metadataNode = YamlNodeReader.Child(root, "metadata");
        YamlMappingNode? metadata = reader.Mapping(metadataNode, "metadata");
        string? name = metadata is null ? null
            : YamlNodeReader.Child(metadata, "name") is null && YamlNodeReader.Child(metadata, "generateName") is { } generated
                ? GeneratedName(reader, generated)
                : reader.Text(metadata, "name", "metadata", required: true);
        YamlNode? nameNode = metadata is null ? null : YamlNodeReader.Child(metadata, "name");
        reader.Resource = kind is not null && name is not null ? $"{kind}/{name}" : null;
        if (!KubernetesWorkloads.HasOwnTopLevelFields(apiVersion, kind))
        {
            // A field at the top that is not one of these is most often a spec field indented too little.
            reader.CheckKeysWithHint(root, string.Empty, "; if it belongs to spec, indent it under spec", TopLevelFields);
        }

        if (metadataNode is null || YamlNodeReader.IsNull(metadataNode))
        {
            reader.Error(root, "metadata", "is required (with at least a name)");
        }

        if (kind is null || apiVersion is null || name is null || metadata is null)
        {
            return null;
        }

        // The kinds fseq reads; other objects beside them (RBAC's system:... names) follow rules of their own.
        if ((apiVersion.Contains("knative.dev", StringComparison.Ordinal) || kind is "ConfigMap" or "Service" || KubernetesWorkloads.IsWorkload(apiVersion, kind)) && !KubernetesName().IsMatch(name))
        {
            reader.Error(nameNode, "metadata.name",
                $"'{name}' is not a Kubernetes name: at most 253 lower-case letters, digits, '-' and '.', starting and ending with a letter or digit (kubectl refuses it)");
        }

        reader.CheckKeys(metadata, "metadata", MetadataFields);
        string? ns = reader.Text(metadata, "namespace", "metadata") is { Length: > 0 } written ? written : null;
        var meta = new ResourceMetadata(
            name,
            ns ?? ResourceMetadata.DefaultNamespace,
            reader.StringMap(metadata, "labels", "metadata"),
            reader.StringMap(metadata, "annotations", "metadata"),
            reader.At(root))
        {
            NamespaceWritten = ns is not null,
            NameLocation = reader.At(nameNode),
        };
        scope.Declared.Add((kind, name));
        if ((apiVersion, kind) == ("v1", "ConfigMap"))
        {
            reader.CheckKeys(root, string.Empty, "apiVersion", "kind", "metadata", "data", "binaryData", "immutable");
            scope.ConfigMaps[name] = new ConfigMapData(reader.StringMap(root, "data", string.Empty), meta.Location);
            if (ns is not null && KnativeNamespaces.Contains(ns))
            {
                // Knative's own settings (config-br-defaults, config-features, Serving's config-autoscaler...): kubectl applies them to Knative, not to a workload.
                string broker = (ns, name) == (KnativeNamespaces[0], "config-br-defaults")
                    ? ": a Broker that writes no delivery gets Knative's installed default here (10 retries, exponential from PT0.2S); write the delivery on the Broker"
                    : string.Empty;
                reader.Warning(nameNode, "metadata.name",
                    $"ConfigMap '{name}' in namespace {ns} configures Knative's own components, which fseq does not read{broker}");
            }
        }

        return new ManifestDocument(apiVersion, kind, meta, root, reader, scope);
    }

    // Where Knative Eventing and Serving keep their own settings.
    private static readonly string[] KnativeNamespaces = ["knative-eventing", "knative-serving"];

    // RFC 1123 subdomain, as Kubernetes checks metadata.name and an ExternalName Service's spec.externalName (k8s.io/apimachinery IsDNS1123Subdomain).
    [GeneratedRegex("^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    internal static partial Regex KubernetesName();

    /// <summary>A resource named by <c>generateName</c> alone, which this reads only to refuse it, saying why (null).</summary>
    private static string? GeneratedName(YamlNodeReader reader, YamlNode generated)
    {
        // kubectl create asks the API server for a name; here the name is how every ref, route and run finds the resource.
        reader.Error(generated, "metadata.generateName", "is not taken here: the name is how refs, routes and runs find a resource, so give metadata.name (kubectl create would make one up from this prefix)");
        return null;
    }
}
