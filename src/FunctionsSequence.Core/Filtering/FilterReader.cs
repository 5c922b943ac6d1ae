using FunctionsSequence.Core.Filtering.Cesql;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Filtering;

/// <summary>
/// Builds a Trigger's filter from its manifest: <c>filter.attributes</c>, the seed's
/// <c>filter.sourceAndType</c>, and the <c>filters</c> dialects (a non-empty <c>filters</c> list
/// overrides <c>filter</c>, as in Knative). Problems are reported with their field path.
/// </summary>
internal static class FilterReader
{
    private static readonly string[] Dialects = ["exact", "prefix", "suffix", "all", "any", "not", "cesql"];

    /// <summary>The filter of the Trigger <paramref name="spec"/>, and its exact-match attributes (for Event Grid's subscription filters).</summary>
    public static (IEventFilter Filter, IReadOnlyDictionary<string, string> Attributes) Read(YamlNodeReader r, YamlMappingNode spec)
    {
        ArgumentNullException.ThrowIfNull(r);
        Dictionary<string, string> attributes = ReadAttributes(r, spec);
        IEventFilter filter = new AttributesFilter(attributes);
        if (r.Sequence(YamlNodeReader.Child(spec, "filters"), "spec.filters") is { Children.Count: > 0 } filters)
        {
            filter = new AllFilter([.. filters.Children.Select((node, i) => ReadDialect(r, node, $"spec.filters[{i}]"))]);
        }

        return (filter, attributes);
    }

    /// <summary>True for a valid CloudEvents attribute name (<c>^[a-z][a-z0-9]*$</c>).</summary>
    public static bool IsAttributeName(string name) =>
        name.Length > 0 && name[0] is >= 'a' and <= 'z' && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'));

    private static Dictionary<string, string> ReadAttributes(YamlNodeReader r, YamlMappingNode spec)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (r.Mapping(YamlNodeReader.Child(spec, "filter"), "spec.filter") is not { } filterMap)
        {
            return attributes;
        }

        r.CheckKeys(filterMap, "spec.filter", "attributes", "sourceAndType");
        foreach ((string k, string v) in r.StringMap(filterMap, "attributes", "spec.filter"))
        {
            attributes[k] = v;
        }

        // The seed's dialect: sourceAndType.type/source, where "Any" or "" meant no constraint.
        if (r.Mapping(YamlNodeReader.Child(filterMap, "sourceAndType"), "spec.filter.sourceAndType") is { } sat)
        {
            r.CheckKeys(sat, "spec.filter.sourceAndType", "type", "source");
            foreach (string key in new[] { "type", "source" })
            {
                if (r.Scalar(sat, key, "spec.filter.sourceAndType") is { Length: > 0 } value && value != "Any")
                {
                    attributes[key] = value;
                }
            }
        }

        foreach ((string name, _) in attributes)
        {
            if (!IsAttributeName(name))
            {
                r.Error(YamlNodeReader.Child(filterMap, "attributes"), $"spec.filter.attributes.{name}", "attribute names are lower-case letters and digits, starting with a letter (^[a-z][a-z0-9]*$)");
            }
        }

        return attributes;
    }

    /// <summary>A <c>cesql</c> entry, parsed now: a parse error names the position in the expression.</summary>
    private static IEventFilter ReadCesql(YamlNodeReader r, YamlMappingNode map, YamlNode value, string path, string field)
    {
        string text = r.Scalar(map, "cesql", path) ?? string.Empty;
        try
        {
            return CesqlFilter.Parse(text);
        }
        catch (CesqlParseException ex)
        {
            r.Error(value, field, $"'{text}' is not a CloudEvents SQL expression: {ex.Message}");
            return new AllFilter([]);
        }
    }

    private static IEventFilter ReadDialect(YamlNodeReader r, YamlNode node, string path)
    {
        YamlMappingNode? map = r.Mapping(node, path);
        if (map is null || map.Children.Count != 1)
        {
            r.Error(node, path, "each filter has exactly one dialect: exact, prefix, suffix, all, any, not or cesql");
            return new AllFilter([]);
        }

        r.CheckKeys(map, path, Dialects);
        (YamlNode keyNode, YamlNode value) = map.Children.First();
        string dialect = ((YamlScalarNode)keyNode).Value ?? string.Empty;
        string field = $"{path}.{dialect}";
        switch (dialect)
        {
            case "exact":
            case "prefix":
            case "suffix":
                Dictionary<string, string> values = r.StringMap(map, dialect, path);
                StringMatch match = dialect == "exact" ? StringMatch.Exact : dialect == "prefix" ? StringMatch.Prefix : StringMatch.Suffix;
                return new StringMatchFilter(match, values);
            case "all":
            case "any":
                List<IEventFilter> list = [.. (r.Sequence(value, field)?.Children ?? []).Select((n, i) => ReadDialect(r, n, $"{field}[{i}]"))];
                return dialect == "all" ? new AllFilter(list) : new AnyFilter(list);
            case "not":
                return new NotFilter(ReadDialect(r, value, field));
            case "cesql":
                return ReadCesql(r, map, value, path, field);
            default:
                return new AllFilter([]);
        }
    }
}
