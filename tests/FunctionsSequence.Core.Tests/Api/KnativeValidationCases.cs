using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>Reads the cases in TestData/knative-validation/*.yaml, once.</summary>
internal static class KnativeValidationCases
{
    private static readonly Lazy<IReadOnlyDictionary<string, KnativeValidationCase>> Cases = new(Load);

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData", "knative-validation");

    /// <summary>Every case by id, in file order.</summary>
    public static IReadOnlyDictionary<string, KnativeValidationCase> All => Cases.Value;

    private static Dictionary<string, KnativeValidationCase> Load()
    {
        var cases = new Dictionary<string, KnativeValidationCase>(StringComparer.Ordinal);
        foreach (string path in Directory.GetFiles(Folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            string file = Path.GetFileNameWithoutExtension(path);
            var stream = new YamlStream();
            using (var reader = new StreamReader(path))
            {
                stream.Load(reader);
            }

            var root = (YamlMappingNode)stream.Documents[0].RootNode;
            string source = Text(root, "source");
            foreach (YamlMappingNode node in ((YamlSequenceNode)root.Children[new YamlScalarNode("cases")]).Children.Cast<YamlMappingNode>())
            {
                string id = $"{file}/{Text(node, "test")}/{Text(node, "name")}";
                // As `go test` does: a name that repeats in one Go test gets #01, #02, ...
                for (int n = 1; cases.ContainsKey(id); n++)
                {
                    id = $"{file}/{Text(node, "test")}/{Text(node, "name")}#{n:00}";
                }

                cases.Add(id, new KnativeValidationCase(
                    id,
                    file,
                    $"{source}:{int.Parse(Text(node, "line"), CultureInfo.InvariantCulture)}",
                    Text(node, "manifest"),
                    Expected(node.Children[new YamlScalarNode("expected")]),
                    Ours(node),
                    OptionalText(node, "config"),
                    OptionalText(node, "note")));
            }
        }

        return cases;
    }

    /// <summary><c>valid: true</c> (null), or the list of Knative's paths.</summary>
    private static List<string>? Expected(YamlNode node) => node switch
    {
        YamlMappingNode map when Text(map, "valid") == "true" => null,
        YamlSequenceNode list => list.Children.Select(Scalar).ToList(),
        _ => throw new InvalidDataException($"expected must be 'valid: true' or a list of paths (line {node.Start.Line})"),
    };

    private static Dictionary<string, IReadOnlyList<string>> Ours(YamlMappingNode node)
    {
        var ours = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (node.Children.TryGetValue(new YamlScalarNode("ours"), out YamlNode? map))
        {
            foreach ((YamlNode key, YamlNode value) in ((YamlMappingNode)map).Children)
            {
                ours[Scalar(key)] = value is YamlSequenceNode list ? list.Children.Select(Scalar).ToList() : [Scalar(value)];
            }
        }

        return ours;
    }

    private static string Text(YamlMappingNode map, string key) =>
        OptionalText(map, key) ?? throw new InvalidDataException($"'{key}' is missing (line {map.Start.Line})");

    private static string? OptionalText(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? node) ? Scalar(node) : null;

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? string.Empty;
}
