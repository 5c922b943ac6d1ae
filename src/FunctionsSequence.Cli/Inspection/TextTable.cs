namespace FunctionsSequence.Cli.Inspection;

/// <summary>Rows in columns padded to their widest cell, as <c>kubectl get</c> prints them; the last column is not padded.</summary>
/// <param name="headers">The column headers.</param>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> rows = [];

    /// <summary>Adds a row; a null cell prints as empty.</summary>
    public TextTable Add(params string?[] cells)
    {
        rows.Add([.. cells.Select(c => c ?? string.Empty)]);
        return this;
    }

    /// <summary>Writes the headers and rows, each line after <paramref name="indent"/>.</summary>
    public void WriteTo(TextWriter writer, string indent = "")
    {
        ArgumentNullException.ThrowIfNull(writer);
        int[] widths = [.. headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max())];
        foreach (string[] row in rows.Prepend(headers))
        {
            string line = string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i])));
            writer.WriteLine(indent + line.TrimEnd());
        }
    }
}
