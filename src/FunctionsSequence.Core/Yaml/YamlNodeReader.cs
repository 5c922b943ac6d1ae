using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Yaml;

/// <summary>
/// Reads one YAML document with field paths, reporting every problem (not just the first) with
/// its line, in the way Knative's validation collects errors by field path. With
/// <paramref name="columns"/> (a document in flow style, such as JSON, which may be one line) the column too.
/// </summary>
internal sealed class YamlNodeReader(string file, List<ManifestDiagnostic> diagnostics, bool columns = false)
{
    /// <summary>The most known fields an unknown field's message lists in full.</summary>
    private const int ListedFields = 12;

    /// <summary>How many known fields the message names when there are more than <see cref="ListedFields"/>.</summary>
    private const int NamedFields = 6;

    public string File { get; } = file;

    // The values refused as written (a mapping or a number where a string belongs): reported once, so not missing too.
    private readonly HashSet<YamlNode> refused = new(ReferenceEqualityComparer.Instance);

    /// <summary>The resource being read, as <c>Kind/name</c>, once known.</summary>
    public string? Resource { get; set; }

    public SourceLocation At(YamlNode? node) => node is null ? new(File, 0) : new(File, (int)node.Start.Line, columns ? (int)node.Start.Column : 0);

    public void Error(YamlNode? node, string field, string message) =>
        diagnostics.Add(new ManifestDiagnostic(DiagnosticSeverity.Error, At(node), Resource, field, message));

    public void Warning(YamlNode? node, string field, string message) =>
        diagnostics.Add(new ManifestDiagnostic(DiagnosticSeverity.Warning, At(node), Resource, field, message));

    /// <summary>The mapping at <paramref name="node"/>, or null (and an error) when it is something else.</summary>
    public YamlMappingNode? Mapping(YamlNode? node, string field)
    {
        if (node is null || IsNull(node))
        {
            return null;
        }

        if (node is YamlMappingNode map)
        {
            return map;
        }

        Error(node, field, $"expected a mapping (key: value lines), found {Describe(node)}");
        refused.Add(node);
        return null;
    }

    public YamlSequenceNode? Sequence(YamlNode? node, string field)
    {
        if (node is null || IsNull(node))
        {
            return null;
        }

        if (node is YamlSequenceNode seq)
        {
            return seq;
        }

        Error(node, field, $"expected a list ('- ' items), found {Describe(node)}");
        refused.Add(node);
        return null;
    }

    /// <summary>
    /// Reports every key of <paramref name="map"/> that is not in <paramref name="known"/>; returns the
    /// known fields that an unknown key looks like a misspelling of, so a "missing" field can go unsaid.
    /// </summary>
    public IReadOnlySet<string> CheckKeys(YamlMappingNode map, string path, params string[] known) => CheckKeysWithHint(map, path, string.Empty, known);

    /// <summary>As <see cref="CheckKeys(YamlMappingNode, string, string[])"/>, with a <paramref name="hint"/> after each finding.</summary>
    public IReadOnlySet<string> CheckKeysWithHint(YamlMappingNode map, string path, string hint, string[] known)
    {
        var misspelt = new HashSet<string>(StringComparer.Ordinal);
        foreach (YamlNode key in map.Children.Keys)
        {
            string name = key is YamlScalarNode s ? s.Value ?? string.Empty : key.ToString();
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                if (Spelling.Suggest(name, known) is { } meant)
                {
                    misspelt.Add(meant);
                }

                Error(key, Join(path, name), $"unknown field '{name}'{Expected(name, known)}{hint}");
            }
        }

        return misspelt;
    }

    /// <summary>
    /// What an unknown field's message says of the known ones. Up to <see cref="ListedFields"/>, the did-you-mean and
    /// all of them; beyond, as a PodSpec's, the did-you-mean alone, or, with none close, the first
    /// <see cref="NamedFields"/> (so the caller puts the fields that matter first) and how many more.
    /// </summary>
    private static string Expected(string name, string[] known)
    {
        string meant = Spelling.DidYouMean(name, known);
        if (known.Length <= ListedFields)
        {
            return $"{meant} (expected one of: {string.Join(", ", known)})";
        }

        return meant.Length > 0 ? meant : $" (expected one of: {string.Join(", ", known.Take(NamedFields))} and {known.Length - NamedFields} more)";
    }

    public static YamlNode? Child(YamlMappingNode? map, string key)
    {
        if (map is null)
        {
            return null;
        }

        return map.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value) ? value : null;
    }

    /// <summary>The scalar string at <c>map[key]</c>; reports an error when required and absent or not a scalar.</summary>
    public string? Scalar(YamlMappingNode? map, string key, string path, bool required = false)
    {
        YamlNode? node = Child(map, key);
        string field = Join(path, key);
        if (node is null || IsNull(node))
        {
            if (required)
            {
                Error(node ?? map, field, "is required");
            }

            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return scalar.Value;
        }

        Error(node, field, $"expected a single value, found {Describe(node)}");
        refused.Add(node);
        return null;
    }

    /// <summary>
    /// As <see cref="Scalar"/>, for a field Kubernetes types as a string: a plain scalar that YAML reads as a number or a
    /// boolean is reported, as kubectl refuses it, and read as absent; a caller that would say the field is missing asks
    /// <see cref="Refused"/> first, so that one message is said of it.
    /// </summary>
    public string? Text(YamlMappingNode? map, string key, string path, bool required = false)
    {
        if (Scalar(map, key, path, required) is not { } value)
        {
            return null;
        }

        YamlNode node = Child(map, key)!;
        if (KubernetesStrings.Check(this, node, Join(path, key)))
        {
            refused.Add(node);
            return null;
        }

        return value;
    }

    /// <summary>True when <paramref name="node"/> was written but refused as it is (and reported): not a field left out.</summary>
    public bool Refused(YamlNode? node) => node is not null && refused.Contains(node);

    /// <summary>A string-to-string map such as labels, annotations or <c>filter.attributes</c>.</summary>
    public Dictionary<string, string> StringMap(YamlMappingNode? map, string key, string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        YamlMappingNode? child = Mapping(Child(map, key), Join(path, key));
        if (child is null)
        {
            return result;
        }

        foreach ((YamlNode k, YamlNode v) in child.Children)
        {
            string name = (k as YamlScalarNode)?.Value ?? string.Empty;
            if (v is YamlScalarNode sv)
            {
                KubernetesStrings.Check(this, sv, Join(Join(path, key), name));
                result[name] = sv.Value ?? string.Empty;
            }
            else
            {
                Error(v, Join(Join(path, key), name), $"expected a single value, found {Describe(v)}");
            }
        }

        return result;
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>True when <paramref name="map"/> has <paramref name="key"/> with a value other than a YAML null.</summary>
    public static bool Has(YamlMappingNode? map, string key) => Child(map, key) is { } node && !IsNull(node);

    /// <summary>True for a YAML null (<c>~</c>, <c>null</c>, or nothing), which Knative reads as a field left out.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Value: null or "" or "~" or "null", Style: YamlDotNet.Core.ScalarStyle.Plain };

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"'{s.Value}'",
        _ => node.NodeType.ToString(),
    };
}
