using System.Text.RegularExpressions;

namespace FunctionsSequence.IntegrationTests;

/// <summary>Splits event-display output into blocks, and blanks the per-run attributes (id, time, the Broker's arrival time) for comparison.</summary>
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

    public static string Normalize(string block) =>
        ArrivalLine().Replace(TimeLine().Replace(IdLine().Replace(block, "  id: <id>"), "  time: <time>"), "  knativearrivaltime: <arrival>");

    /// <summary>The seed's processed event as event-display prints it; <paramref name="viaBroker"/> when a Trigger delivered it, which adds the Broker's arrival time.</summary>
    public static string Expected(string message, bool viaBroker = false) => $$"""
        ☁️  cloudevents.Event
        Context Attributes,
          specversion: 1.0
          type: samples.http.mod3
          source: /apis/v1/namespaces/default/cronjobsources/cronjob-source
          id: <id>
          time: <time>
          datacontenttype: application/json{{(viaBroker ? "\nExtensions,\n  knativearrivaltime: <arrival>" : "")}}
        Data,
          {
            "message": "{{message}}"
          }

        """.ReplaceLineEndings("\n");

    [GeneratedRegex(@"^  id: .+$", RegexOptions.Multiline)]
    private static partial Regex IdLine();

    // As Knative's Broker writes it: RFC 3339 in UTC, the fraction's trailing zeros left out (here at most 7 digits).
    [GeneratedRegex(@"^  knativearrivaltime: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{0,6}[1-9])?Z$", RegexOptions.Multiline)]
    private static partial Regex ArrivalLine();

    // As the Go SDK prints it: RFC 3339 in UTC, the fraction's trailing zeros left out.
    [GeneratedRegex(@"^  time: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{0,6}[1-9])?Z$", RegexOptions.Multiline)]
    private static partial Regex TimeLine();
}
