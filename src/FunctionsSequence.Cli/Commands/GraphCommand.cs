using System.CommandLine;
using FunctionsSequence.Core.Topology;

namespace FunctionsSequence.Cli.Commands;

/// <summary><c>fseq graph</c>: the manifests' topology as Mermaid, Graphviz dot or SVG.</summary>
internal static class GraphCommand
{
    public static Command Create()
    {
        var command = new Command("graph", "Draw how events flow through the manifests: sources, Brokers, Triggers with their filters, Sequences with their steps, Parallels with their branches, replies, Services and dead-letter sinks (Mermaid, Graphviz dot or SVG; to stdout, or FILE).");
        Argument<string[]> paths = CommandOptions.Paths(command);
        CheckedOption<string> format = CommandOptions.Choice("--format", "mermaid (a flowchart for Markdown), dot (Graphviz) or svg (a picture laid out by fseq)", "mermaid", "mermaid", "dot", "svg");
        CheckedOption<string?> output = CommandOptions.Text("--output", "a file name", "FILE", "write to FILE instead of stdout");
        command.Options.Add(format);
        command.Options.Add(output);
        command.SetAction(parsed =>
        {
            if (ManifestInput.Load(parsed.GetRequiredValue(paths)) is not { } set)
            {
                return 1;
            }

            string text = TopologyRenderer.Render(TopologyGraph.Of(set), Enum.Parse<TopologyFormat>(parsed.GetRequiredValue(format), ignoreCase: true));
            return CommandOutput.Write(parsed.GetValue(output), text);
        });
        return command;
    }
}
