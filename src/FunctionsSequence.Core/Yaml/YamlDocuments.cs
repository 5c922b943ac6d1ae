using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Yaml;

/// <summary>
/// Parses a file's YAML documents one by one, split at their <c>---</c> lines as kubectl's YAML reader
/// splits them, so a syntax error in one document is reported and the documents around it are still read.
/// Within a document the parser cannot resync after a syntax error: the rest of that document is not read.
/// </summary>
internal static class YamlDocuments
{
    /// <summary>The documents that parse; a syntax error in any of them is added to <paramref name="diagnostics"/>.</summary>
    public static List<YamlDocument> Parse(string text, string file, List<ManifestDiagnostic> diagnostics)
    {
        string[] lines = text.Split('\n');
        var documents = new List<YamlDocument>();
        int[] starts = DocumentStarts(lines);
        int offset = 0;
        for (int i = 0, line = 0; i < starts.Length; i++)
        {
            int end = i + 1 < starts.Length ? starts[i + 1] : lines.Length;
            int length = 0;
            for (int l = line; l < end; l++)
            {
                length += lines[l].Length + 1;
            }

            string chunk = text.Substring(offset, Math.Min(length, text.Length - offset));
            documents.AddRange(ParseOne(chunk, line, lines, file, diagnostics));
            (offset, line) = (offset + chunk.Length, end);
        }

        return documents;
    }

    // The document is parsed on its own, its marks moved down by the lines before it, so that every mark is a line
    // of the file; the file's lines are for the words of a syntax error.
    private static List<YamlDocument> ParseOne(string chunk, int linesBefore, string[] lines, string file, List<ManifestDiagnostic> diagnostics)
    {
        var scanner = new Scanner(new StringReader(chunk));
        var shifting = new LineShiftingParser(new Parser(scanner), linesBefore);
        var stream = new YamlStream();
        try
        {
            stream.Load(new AliasCheckingParser(shifting));
            foreach (YamlDocument document in stream.Documents)
            {
                MergeKeys.Apply(document.RootNode);
            }

            return [.. stream.Documents];
        }
        catch (YamlException ex)
        {
            diagnostics.Add(YamlSyntaxError.Of(ex, lines, file));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 18 throws this instead of a YamlException for some unclosed flow collections
            // (an unclosed '[' followed by a 'key: value' line); the scanner knows where it stopped.
            diagnostics.Add(YamlSyntaxError.At(file, shifting.Shift(scanner.CurrentPosition), "the parser stopped here; look for an unclosed '[', '{' or quote before this point"));
        }

        return [];
    }

    /// <summary>The 0-based first line of each document: line 0, then every <c>---</c> line (with the directives just before it).</summary>
    private static int[] DocumentStarts(string[] lines)
    {
        var starts = new List<int> { 0 };
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line == "---" || line.StartsWith("--- ", StringComparison.Ordinal) || line.StartsWith("---\t", StringComparison.Ordinal))
            {
                int start = i;
                while (start - 1 > starts[^1] && lines[start - 1].StartsWith('%'))
                {
                    start--;
                }

                starts.Add(start);
            }
        }

        return [.. starts];
    }
}
