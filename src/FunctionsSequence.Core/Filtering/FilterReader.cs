using FunctionsSequence.Core.Filtering.Cesql;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Filtering;

/// <summary>
/// Builds a Trigger's filter from its manifest: <c>filter.attributes</c>, the seed's
/// <c>filter.sourceAndType</c>, and the <c>filters</c> dialects (a non-empty <c>filters</c> list
/// overrides <c>filter</c>, as in Knative). Problems are reported with their field path; the attribute names
/// written are kept, to check a <c>cesql</c> name against all of a load's once every manifest is read.
/// </summary>
internal static class FilterReader
{
    private static readonly string[] Dialects = ["exact", "prefix", "suffix", "all", "any", "not", "cesql"];

    /// <summary>The filter of the Trigger <paramref name="spec"/>, and its exact-match attributes (for Event Grid's subscription filters).</summary>
    public static (IEventFilter Filter, IReadOnlyDictionary<string, string> Attributes) Read(YamlNodeReader r, YamlMappingNode spec, AttributeNamesWritten names)
    {
        ArgumentNullException.ThrowIfNull(r);
        Dictionary<string, string> attributes = ReadAttributes(r, spec, names);
        IEventFilter filter = new AttributesFilter(attributes);
        if (r.Sequence(YamlNodeReader.Child(spec, "filters"), "spec.filters") is { Children.Count: > 0 } filters)
        {
            filter = new AllFilter([.. filters.Children.Select((node, i) => ReadDialect(r, node, $"spec.filters[{i}]", names))]);
        }

        return (filter, attributes);
    }

    /// <summary>True for a valid CloudEvents attribute name (<c>^[a-z][a-z0-9]*$</c>).</summary>
    public static bool IsAttributeName(string name) =>
        name.Length > 0 && name[0] is >= 'a' and <= 'z' && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'));

    private static Dictionary<string, string> ReadAttributes(YamlNodeReader r, YamlMappingNode spec, AttributeNamesWritten names)
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
                if (r.Text(sat, key, "spec.filter.sourceAndType") is { Length: > 0 } value && value != "Any")
                {
                    attributes[key] = value;
                }
            }
        }

        CheckAttributeNames(r, YamlNodeReader.Child(filterMap, "attributes"), "spec.filter.attributes", names);
        return attributes;
    }

    /// <summary>
    /// A <c>cesql</c> entry, parsed now: a parse error names the position in the expression. A call no built-in
    /// function takes is only a warning: it parses, so Knative accepts the Trigger, but the call evaluates to false
    /// with an error (spec §3.5), so an event that reaches it fails the filter. So is a value that is not a Boolean:
    /// Knative's webhook only parses the expression (trigger_validation.go), and its broker fails the request then.
    /// The attribute names it reads are kept, to be checked for typos once every manifest is read.
    /// </summary>
    private static IEventFilter ReadCesql(YamlNodeReader r, string text, YamlNode value, string field, AttributeNamesWritten names)
    {
        try
        {
            CesqlFilter filter = CesqlFilter.Parse(text);
            foreach (CesqlMissingFunction missing in filter.Expression?.MissingFunctions ?? [])
            {
                r.Warning(value, field, $"{missing.Reason} (at {CesqlParseException.Where(text, missing.Position)}): Knative accepts the Trigger, but an event that reaches this call fails the filter");
            }

            foreach ((string name, int position) in filter.Expression?.Attributes ?? [])
            {
                names.InCesql.Add(new CesqlAttributeUse(name, CesqlParseException.Where(text, position), r.At(value), r.Resource, field));
            }

            if (filter.Expression?.ValueType is { } type and not CesqlType.Boolean)
            {
                r.Warning(value, field, NotBoolean(text.Trim(), type));
            }

            return filter;
        }
        catch (CesqlParseException ex)
        {
            r.Error(value, field, $"'{text}' is not a CloudEvents SQL expression: {ex.Message}");
            return new AllFilter([]);
        }
    }

    /// <summary>Why an expression whose value is <paramref name="type"/> is no condition, what becomes of events, and how to make it one.</summary>
    private static string NotBoolean(string text, CesqlType type)
    {
        (string article, string condition) = type == CesqlType.Integer ? ("an", $"{text} <> 0") : ("a", $"{text} = '...'");
        return $"'{text}' is {article} {type}, not a Boolean, so this filter passes no event (only true passes: CESQL spec §1.2), "
            + "and an event it evaluates without an error passes no not or any around it either: Knative accepts the Trigger, but its channel-based broker "
            + $"fails the request for such an event, retries it and then sends it to the dead-letter sink if it has one; to make a condition, compare the value ({condition})";
    }

    /// <summary>
    /// One item of <c>filters</c> (or of <c>all</c>/<c>any</c>/<c>not</c> in it). As in Knative, an item sets at most one
    /// dialect, and a dialect left empty (<c>{}</c>, <c>exact: {}</c>) is not set, so an empty item matches every event
    /// (a dialect written empty is warned about).
    /// </summary>
    private static IEventFilter ReadDialect(YamlNodeReader r, YamlNode node, string path, AttributeNamesWritten names)
    {
        if (r.Mapping(node, path) is not { } map)
        {
            return new AllFilter([]);
        }

        r.CheckKeys(map, path, Dialects);
        var set = new List<(string Dialect, IEventFilter Filter)>();
        foreach ((YamlNode keyNode, YamlNode value) in map.Children)
        {
            string dialect = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (ReadOneDialect(r, map, dialect, value, path, names) is { } filter)
            {
                set.Add((dialect, filter));
            }
        }

        if (set.Count > 1)
        {
            r.Error(node, path, $"sets {set.Count} dialects ({string.Join(", ", set.Select(d => d.Dialect))}); a filter sets one of exact, prefix, suffix, all, any, not or cesql (combine them with all or any)");
        }

        return set.Count == 1 ? set[0].Filter : new AllFilter([.. set.Select(d => d.Filter)]);
    }

    /// <summary>The filter of one dialect, or null when it is empty or unknown (not set, for Knative's one-dialect rule).</summary>
    private static IEventFilter? ReadOneDialect(YamlNodeReader r, YamlMappingNode map, string dialect, YamlNode value, string path, AttributeNamesWritten names)
    {
        string field = $"{path}.{dialect}";
        switch (dialect)
        {
            case "exact":
            case "prefix":
            case "suffix":
                Dictionary<string, string> values = r.StringMap(map, dialect, path);
                CheckAttributeNames(r, value, field, names);
                StringMatch match = dialect == "exact" ? StringMatch.Exact : dialect == "prefix" ? StringMatch.Prefix : StringMatch.Suffix;
                return values.Count == 0 ? WarnEmpty(r, value, field) : ReadStringMatch(r, value, field, match, values);
            case "all":
            case "any":
                List<IEventFilter> list = [.. (r.Sequence(value, field)?.Children ?? []).Select((n, i) => ReadDialect(r, n, $"{field}[{i}]", names))];
                return list.Count == 0 ? WarnEmpty(r, value, field) : dialect == "all" ? new AllFilter(list) : new AnyFilter(list);
            case "not":
                return YamlNodeReader.IsNull(value) ? null : new NotFilter(ReadDialect(r, value, field, names));
            case "cesql":
                return r.Text(map, "cesql", path) is { Length: > 0 } text ? ReadCesql(r, text, value, field, names) : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// An <c>exact</c>, <c>prefix</c> or <c>suffix</c> with values. Knative's broker cannot build one with an empty
    /// value and skips it (eventfilter/subscriptionsapi create.go), so, as there, it checks nothing; still one
    /// dialect for the one-dialect rule, which Knative applies to the map before that.
    /// </summary>
    private static IEventFilter ReadStringMatch(YamlNodeReader r, YamlNode value, string field, StringMatch match, Dictionary<string, string> values)
    {
        if (values.FirstOrDefault(v => v.Value.Length == 0).Key is not { } name)
        {
            return new StringMatchFilter(match, values);
        }

        YamlNode? key = (value as YamlMappingNode)?.Children.Keys.FirstOrDefault(k => (k as YamlScalarNode)?.Value == name);
        r.Warning(key ?? value, $"{field}.{name}", $"is empty: Knative skips a filter with an empty value, so this one checks nothing and every event passes it (to require the attribute, write cesql: \"EXISTS {name}\")");
        return new AllFilter([]);
    }

    /// <summary>A dialect written but left empty: not set, as in Knative, and said so, since the filter then checks nothing.</summary>
    private static IEventFilter? WarnEmpty(YamlNodeReader r, YamlNode value, string field)
    {
        r.Warning(value, field, "is empty, so this filter checks nothing and every event passes it (Knative accepts it and does the same)");
        return null;
    }

    /// <summary>Reports each key of an attributes map that is not a CloudEvents attribute name, at the key; keeps the others.</summary>
    private static void CheckAttributeNames(YamlNodeReader r, YamlNode? map, string field, AttributeNamesWritten names)
    {
        if (map is not YamlMappingNode attributes)
        {
            return;
        }

        foreach (YamlNode key in attributes.Children.Keys)
        {
            string name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (!IsAttributeName(name))
            {
                r.Error(key, $"{field}.{name}", "attribute names are lower-case letters and digits, starting with a letter (^[a-z][a-z0-9]*$)");
            }
            else
            {
                names.Elsewhere.Add(name);
            }
        }
    }
}
