using System.Globalization;
using System.Security;
using System.Text;

namespace FunctionsSequence.Core.Topology;

/// <summary>
/// Graphviz <c>dot</c> text, left to right, with the columns of <see cref="TopologyColumns"/> as
/// ranks so that <c>dot -Tsvg</c> draws the same layers as fseq's own SVG.
/// </summary>
internal static class DotRenderer
{
    public static string Render(TopologyGraph graph)
    {
        var ids = graph.Nodes.Select((n, i) => (n.Id, Short: $"n{i}")).ToDictionary(p => p.Id, p => p.Short, StringComparer.Ordinal);
        var text = new StringBuilder("""
            digraph topology {
              rankdir=LR;
              nodesep=0.35;
              ranksep=0.9;
              node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11];
              edge [fontname="Helvetica", fontsize=10];

            """);
        foreach (TopologyNode node in graph.Nodes)
        {
            (string fill, string stroke) = TopologyStyle.Box(node.Kind);
            string style = TopologyStyle.Dashed(node.Kind) ? ", style=\"rounded,filled,dashed\"" : string.Empty;
            string label = string.Join("<br/>", [
                $"<font point-size=\"9\" color=\"{stroke}\">{Html(node.KindLabel)}</font>",
                $"<b>{Html(node.Name)}</b>",
                .. node.Lines.Select(line => $"<font face=\"monospace\" point-size=\"10\">{Html(line)}</font>")]);
            text.Append(CultureInfo.InvariantCulture, $"  {ids[node.Id]} [label=<{label}>, fillcolor=\"{fill}\", color=\"{stroke}\"{style}];\n");
        }

        foreach (IReadOnlyList<TopologyNode> column in TopologyColumns.Of(graph))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {{ rank=same; {string.Join(' ', column.Select(n => ids[n.Id] + ";"))} }}\n");
        }

        foreach (TopologyEdge edge in graph.Edges)
        {
            string color = TopologyStyle.Edge(edge.Kind);
            string label = edge.Label.Length == 0 ? string.Empty : $"label=\"{Quoted(edge.Label)}\", ";
            string style = TopologyStyle.Dashed(edge.Kind) ? ", style=dashed" : string.Empty;
            text.Append(CultureInfo.InvariantCulture, $"  {ids[edge.From]} -> {ids[edge.To]} [{label}color=\"{color}\", fontcolor=\"{color}\"{style}];\n");
        }

        return text.Append("}\n").ToString();
    }

    private static string Html(string text) => SecurityElement.Escape(text);

    private static string Quoted(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
