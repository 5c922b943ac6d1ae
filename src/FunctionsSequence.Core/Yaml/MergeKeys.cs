using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Yaml;

/// <summary>
/// Applies YAML merge keys (<c>&lt;&lt;: *anchor</c>, or a list of them) as kubectl's YAML reader (go-yaml v2) does: in
/// place, in the order written, so a key written after the merge key overrides a merged one and a key written before it
/// is overridden; of a list, an earlier mapping wins over a later one. The merged nodes are the anchor's own, so
/// findings about them point at the lines where they are written. YamlDotNet's MergingParser is not used: it copies the
/// merged keys in beside the mapping's own, which then clash as duplicate keys.
/// </summary>
internal static class MergeKeys
{
    private const string MergeTag = "tag:yaml.org,2002:merge";

    /// <summary>Merges in place; throws a <see cref="YamlException"/> at a merge key whose value is not a mapping or a list of them.</summary>
    public static void Apply(YamlNode root) => Apply(root, new HashSet<YamlNode>(ReferenceEqualityComparer.Instance));

    private static void Apply(YamlNode node, HashSet<YamlNode> done)
    {
        if (!done.Add(node))
        {
            return; // an anchored node used again, already merged
        }

        switch (node)
        {
            case YamlSequenceNode sequence:
                foreach (YamlNode item in sequence.Children)
                {
                    Apply(item, done);
                }

                break;
            case YamlMappingNode mapping:
                foreach (YamlNode child in mapping.Children.Values)
                {
                    Apply(child, done);
                }

                Merge(mapping);
                break;
        }
    }

    private static void Merge(YamlMappingNode mapping)
    {
        if (!mapping.Children.Keys.Any(IsMergeKey))
        {
            return;
        }

        KeyValuePair<YamlNode, YamlNode>[] written = [.. mapping.Children];
        mapping.Children.Clear();
        foreach ((YamlNode key, YamlNode value) in written)
        {
            if (!IsMergeKey(key))
            {
                mapping.Children[key] = value;
                continue;
            }

            YamlNode[] merged = value is YamlSequenceNode list ? [.. list.Children] : [value];
            foreach (YamlNode source in merged.Reverse())
            {
                if (source is not YamlMappingNode from)
                {
                    throw new SemanticErrorException(source.Start, source.End, $"A merge key (<<) takes a mapping or a list of mappings (an alias *name of one), not {Describe(source)}");
                }

                foreach ((YamlNode mergedKey, YamlNode mergedValue) in from.Children)
                {
                    mapping.Children[mergedKey] = mergedValue;
                }
            }
        }
    }

    private static bool IsMergeKey(YamlNode key) =>
        key is YamlScalarNode { Value: "<<" } scalar && (scalar.Tag.IsEmpty ? scalar.Style == ScalarStyle.Plain : scalar.Tag.Value == MergeTag);

    private static string Describe(YamlNode node) => node is YamlScalarNode { Value: { } value } ? $"'{value}'" : "a list";
}
