using System.Globalization;
using System.Text;

namespace FunctionsSequence.Core.Topology;

/// <summary>
/// A Mermaid <c>flowchart LR</c>: one shape per kind (stadium sources, subroutine Brokers, hexagon
/// Triggers, box Sequences, trapezoid Parallels, rounded Services, slanted endpoints), dead letters dotted.
/// </summary>
internal static class MermaidRenderer
{
    public static string Render(TopologyGraph graph)
    {
        var ids = graph.Nodes.Select((n, i) => (n.Id, Short: $"n{i}")).ToDictionary(p => p.Id, p => p.Short, StringComparer.Ordinal);
        var text = new StringBuilder("flowchart LR\n");
        foreach (TopologyNode node in graph.Nodes)
        {
            string label = string.Join("<br/>", [Escape(node.KindLabel), $"<b>{Escape(node.Name)}</b>", .. node.Lines.Select(Escape)]);
            (string open, string close) = node.Kind switch
            {
                TopologyNodeKind.Source => ("([", "])"),
                TopologyNodeKind.Broker => ("[[", "]]"),
                TopologyNodeKind.Trigger => ("{{", "}}"),
                TopologyNodeKind.Parallel => ("[/", "\\]"),
                TopologyNodeKind.Service => ("(", ")"),
                TopologyNodeKind.Endpoint => ("[/", "/]"),
                _ => ("[", "]"),
            };
            text.Append(CultureInfo.InvariantCulture, $"  {ids[node.Id]}{open}\"{label}\"{close}\n");
        }

        foreach (TopologyEdge edge in graph.Edges)
        {
            string arrow = TopologyStyle.Dashed(edge.Kind) ? "-.->" : "-->";
            string label = edge.Label.Length == 0 ? string.Empty : $"|\"{Escape(edge.Label)}\"|";
            text.Append(CultureInfo.InvariantCulture, $"  {ids[edge.From]} {arrow}{label} {ids[edge.To]}\n");
        }

        foreach (TopologyNodeKind kind in graph.Nodes.Select(n => n.Kind).Distinct().Order())
        {
            (string fill, string stroke) = TopologyStyle.Box(kind);
            string dashed = TopologyStyle.Dashed(kind) ? ",stroke-dasharray:4 3" : string.Empty;
            string name = kind.ToString().ToLowerInvariant();
            text.Append(CultureInfo.InvariantCulture, $"  classDef {name} fill:{fill},stroke:{stroke}{dashed}\n");
            text.Append(CultureInfo.InvariantCulture, $"  class {string.Join(',', graph.Nodes.Where(n => n.Kind == kind).Select(n => ids[n.Id]))} {name}\n");
        }

        for (int i = 0; i < graph.Edges.Count; i++)
        {
            if (graph.Edges[i].Kind is TopologyEdgeKind.Reply or TopologyEdgeKind.DeadLetter)
            {
                string color = TopologyStyle.Edge(graph.Edges[i].Kind);
                text.Append(CultureInfo.InvariantCulture, $"  linkStyle {i} stroke:{color},color:{color}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>Mermaid's entity codes for what would end a label or read as markup.</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            escaped.Append(c switch
            {
                '"' => "#quot;",
                '#' => "#35;",
                '<' => "#lt;",
                '>' => "#gt;",
                '&' => "#amp;",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
