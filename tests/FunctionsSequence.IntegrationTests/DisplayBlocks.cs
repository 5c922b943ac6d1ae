using System.Text.RegularExpressions;

namespace FunctionsSequence.IntegrationTests;

/// <summary>Splits event-display output into blocks, and blanks the per-run attributes (id, time) for comparison.</summary>
internal static partial class DisplayBlocks
{
    public const string Header = "☁️  cloudevents.Event";

    public static IReadOnlyList<string> Parse(string stdout) =>
        stdout.Split('\n')
            .Aggregate(new List<List<string>>(), (blocks, line) =>
            {
                if (line == Header)
                {
                    blocks.Add([]);
                }

                if (blocks.Count > 0 && !line.StartsWith("Listening on ", StringComparison.Ordinal))
                {
                    blocks[^1].Add(line);
                }

                return blocks;
            })
            .Select(lines => string.Join('\n', lines).TrimEnd('\n') + "\n")
            .ToList();

    public static string Normalize(string block) => TimeLine().Replace(IdLine().Replace(block, "  id: <id>"), "  time: <time>");

    public static string Expected(string message) => $$"""
        ☁️  cloudevents.Event
        Context Attributes,
          specversion: 1.0
          type: samples.http.mod3
          source: /apis/v1/namespaces/default/cronjobsources/cronjob-source
          id: <id>
          time: <time>
          datacontenttype: application/json
        Data,
          {
            "message": "{{message}}"
          }

        """.ReplaceLineEndings("\n");

    [GeneratedRegex(@"^  id: .+$", RegexOptions.Multiline)]
    private static partial Regex IdLine();

    [GeneratedRegex(@"^  time: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", RegexOptions.Multiline)]
    private static partial Regex TimeLine();
}
