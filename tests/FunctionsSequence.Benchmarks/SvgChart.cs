using System.Globalization;
using System.Net;
using System.Text;

namespace FunctionsSequence.Benchmarks;

/// <summary>Draws the 3-step rows as a horizontal bar chart (events/s, log scale), so the doc's chart comes from a run.</summary>
internal static class SvgChart
{
    public static string Render(IReadOnlyList<Measurement> rows, string title)
    {
        const int barLeft = 470, barWidth = 520, rowHeight = 26, top = 40;
        double max = Math.Log10(rows.Max(r => r.EventsPerSecond) * 1.2);
        var svg = new StringBuilder();
        int height = top + rows.Count * rowHeight + 30;
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="{height}" font-family="sans-serif" font-size="12">""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="10" y="22" font-size="15" font-weight="bold">{WebUtility.HtmlEncode(title)}</text>""").Append('\n');
        for (int i = 0; i < rows.Count; i++)
        {
            Measurement row = rows[i];
            int y = top + i * rowHeight;
            double width = Math.Max(2, barWidth * Math.Log10(Math.Max(1, row.EventsPerSecond)) / max);
            string label = $"{row.Case} ({row.Store}, {row.Load})";
            string color = row.Case.StartsWith("direct", StringComparison.Ordinal) ? "#888" : row.Case.StartsWith("bare", StringComparison.Ordinal) ? "#c9a227" : "#2b6cb0";
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{barLeft - 8}" y="{y + 16}" text-anchor="end">{WebUtility.HtmlEncode(label)}</text>""").Append('\n');
            svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{barLeft}" y="{y + 4}" width="{width:0.0}" height="{rowHeight - 8}" fill="{color}"/>""").Append('\n');
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{barLeft + width + 6:0.0}" y="{y + 16}">{row.EventsPerSecond:0.#} /s</text>""").Append('\n');
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{barLeft}" y="{height - 8}" fill="#555">events per second settled at event-display, 3-step Sequence, log scale</text>""").Append('\n');
        svg.Append("</svg>\n");
        return svg.ToString();
    }
}
