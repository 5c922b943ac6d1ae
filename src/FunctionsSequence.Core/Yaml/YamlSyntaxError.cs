using YamlDotNet.Core;

namespace FunctionsSequence.Core.Yaml;

/// <summary>
/// A YAML syntax error as a finding: at the line and column of the fault, in plain words. YamlDotNet's
/// marks are 1-based; its start mark is where it found the fault (for an unclosed quote, the opening quote),
/// except for tabs, which it reports at the start of the mapping or scalar they break.
/// </summary>
internal static class YamlSyntaxError
{
    /// <summary>The field a YAML syntax error is reported at, for callers that tell it apart.</summary>
    public const string Field = "(yaml)";

    public static ManifestDiagnostic Of(YamlException ex, string[] lines, string file)
    {
        if (ex.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstTabIndent(lines, (int)ex.Start.Line) is { } tab)
        {
            return Finding(new SourceLocation(file, tab.Line, tab.Column), "tabs cannot indent YAML; use spaces");
        }

        return At(file, ex.Start, Plain(ex, Character(lines, ex.Start)));
    }

    public static ManifestDiagnostic At(string file, Mark mark, string message) =>
        Finding(new SourceLocation(file, (int)mark.Line, (int)mark.Column), message);

    private static ManifestDiagnostic Finding(SourceLocation location, string message) =>
        new(DiagnosticSeverity.Error, location, null, Field, $"is not valid YAML: {message}");

    private static string Plain(YamlException ex, char? character)
    {
        string m = ex.Message;
        return m switch
        {
            _ when ex is AnchorNotFoundException => $"{Lower(m)}; an alias (*name) needs an anchor (&name) before it in the same document",
            _ when m.StartsWith("Duplicate key ", StringComparison.Ordinal) => $"the key '{m["Duplicate key ".Length..]}' is written twice in the same mapping",
            _ when m.Contains("found invalid mapping", StringComparison.Ordinal) =>
                "a 'key: value' cannot start here; check this line's indentation, or quote a value that contains ': '",
            _ when m.Contains("did not find expected key", StringComparison.Ordinal) =>
                "this line does not continue the mapping above it; check its indentation, or quote the whole value",
            _ when m.Contains("did not find expected '-' indicator", StringComparison.Ordinal) =>
                "expected a list item ('- ') here; check this line's indentation against the list above it",
            _ when m.Contains("Block sequence entries are not allowed", StringComparison.Ordinal) =>
                "a list item ('- ') cannot follow its key on the same line; start the list on the next line",
            _ when m.Contains("flow sequence", StringComparison.Ordinal) => "a '[' list is not closed with ']' before this point",
            _ when m.Contains("flow mapping", StringComparison.Ordinal) => "a '{' mapping is not closed with '}' before this point",
            _ when m.Contains("quoted scalar", StringComparison.Ordinal) => "this quoted string is not closed (or its next line is indented too little)",
            _ when m.Contains("cannot start any token", StringComparison.Ordinal) && character is { } c =>
                $"'{c}' cannot start a value; put the value in quotes",
            _ when m.Contains("did not find expected node content", StringComparison.Ordinal) => "a value is missing here",
            _ when m.Contains("Mapping values are not allowed", StringComparison.OrdinalIgnoreCase) =>
                "a ':' cannot follow here; give each key its own line, and quote a key or value that contains ': '",
            _ => Lower(m),
        };
    }

    /// <summary>The first line, from <paramref name="fromLine"/> on, whose indentation has a tab, and the tab's column.</summary>
    private static (int Line, int Column)? FirstTabIndent(string[] lines, int fromLine)
    {
        for (int i = Math.Max(fromLine, 1) - 1; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            int indent = line.Length - line.TrimStart(' ', '\t').Length;
            int tab = line.IndexOf('\t', 0, indent);
            if (tab >= 0)
            {
                return (i + 1, tab + 1);
            }
        }

        return null;
    }

    private static char? Character(string[] lines, Mark mark) =>
        mark.Line >= 1 && mark.Line <= lines.Length && mark.Column >= 1 && mark.Column <= lines[(int)mark.Line - 1].Length
            ? lines[(int)mark.Line - 1][(int)mark.Column - 1]
            : null;

    private static string Lower(string message) => message.Length == 0 ? message : char.ToLowerInvariant(message[0]) + message[1..].TrimEnd('.');
}
