using System.CommandLine;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Topology;

namespace FunctionsSequence.Cli.Commands;

/// <summary><c>fseq graph</c>: the manifests' topology as Mermaid, Graphviz dot or SVG.</summary>
internal static class GraphCommand
{
    /// <summary>The formats an output file's extension names; any other extension leaves the default, Mermaid.</summary>
    private static readonly Dictionary<string, string> FormatOfExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".mmd"] = "mermaid",
        [".mermaid"] = "mermaid",
        [".dot"] = "dot",
        [".gv"] = "dot",
        [".svg"] = "svg",
    };

    /// <summary>Pictures of other formats, which fseq does not draw: a file so named would hold text its viewers cannot open.</summary>
    private static readonly string[] OtherPictures = [".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".pdf"];

    public static Command Create()
    {
        var command = new Command("graph", "Draw how events flow through the manifests: sources, Brokers, Triggers with their filters, Sequences with their steps, Parallels with their branches, replies, Services and dead-letter sinks (Mermaid, Graphviz dot or SVG; to stdout, or FILE).");
        Argument<string[]> paths = CommandOptions.Paths(command);
        CheckedOption<string> format = CommandOptions.Choice("--format", "mermaid (a flowchart for Markdown), dot (Graphviz) or svg (a picture laid out by fseq); with --output, the file's extension (.mmd, .dot or .gv, .svg) chooses it", "mermaid", "mermaid", "dot", "svg");
        CheckedOption<string?> output = CommandOptions.Text("--output", "a file name", "FILE", "write to FILE instead of stdout");
        command.Options.Add(format);
        command.Options.Add(output);
        command.Validators.Add(result =>
        {
            string? file = result.ValueIfValid(output);
            if (file is not null && OtherPictures.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            {
                result.AddError($"--output {file} names a {Path.GetExtension(file)[1..].ToUpperInvariant()} picture, which fseq does not draw: give the file .svg (a picture), .mmd (Mermaid) or .dot (Graphviz, which renders PNG and PDF)");
            }
            else if (result.GetResult(format) is { Implicit: false } && FormatOf(file) is { } implied && result.ValueIfValid(format) is { } chosen && implied != chosen)
            {
                result.AddError($"--format {chosen} does not match --output {file}, whose extension means {implied}; leave --format out, or give the file the extension of its format");
            }
        });
        command.SetAction(parsed =>
        {
            // Manifests with errors are drawn as far as they were read (a Service of the user's own image
            // cannot run here, but where it sits in the flow is worth seeing); the errors still fail the command.
            ManifestLoadResult loaded = ManifestInput.Read(parsed.GetRequiredValue(paths));
            if (loaded.HasErrors && loaded.Manifests is not { IsEmpty: false } && loaded.Unread.Count == 0)
            {
                // Nothing read (a path that is not there, YAML that does not parse): no empty picture over a file.
                ManifestInput.ReportErrors(loaded, "no graph was drawn");
                return 1;
            }

            if (loaded.HasErrors)
            {
                ManifestInput.ReportErrors(loaded, "the graph leaves out what has errors and names it where it is referred to");
            }

            string? file = parsed.GetValue(output);
            string chosen = parsed.GetResult(format) is { Implicit: false } ? parsed.GetRequiredValue(format) : FormatOf(file) ?? parsed.GetRequiredValue(format);
            string text = TopologyRenderer.Render(TopologyGraph.Of(loaded.Manifests!, loaded.Unread), Enum.Parse<TopologyFormat>(chosen, ignoreCase: true));
            int written = CommandOutput.Write(file, text);
            return loaded.HasErrors ? 1 : written;
        });
        return command;
    }

    private static string? FormatOf(string? file) =>
        file is not null && FormatOfExtension.TryGetValue(Path.GetExtension(file), out string? format) ? format : null;
}
