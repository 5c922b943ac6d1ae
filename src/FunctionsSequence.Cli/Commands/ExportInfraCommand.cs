using System.CommandLine;
using FunctionsSequence.Core.Infra;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Cli.Commands;

/// <summary><c>fseq export-infra</c>: the Brokers and Triggers as the Event Grid resources infra/main.bicep deploys.</summary>
internal static class ExportInfraCommand
{
    public static Command Create()
    {
        var command = new Command("export-infra", "Write the Brokers and Triggers as the Event Grid topics and subscriptions that infra/main.bicep deploys (JSON; to stdout, or FILE such as infra/brokers.json).");
        Argument<string[]> paths = CommandOptions.Paths(command);
        CheckedOption<string?> output = CommandOptions.Text("--output", "a file name", "FILE", "write the JSON to FILE instead of stdout");
        command.Options.Add(output);
        command.SetAction(parsed =>
        {
            string[] given = parsed.GetRequiredValue(paths);
            if (ManifestInput.Load(given, otherwise: "nothing was written") is not { } set)
            {
                return 1;
            }

            // Names Azure would refuse only at deployment are refused here, before anything is written.
            IReadOnlyList<ManifestDiagnostic> names = EventGridNames.Check(set);
            foreach (ManifestDiagnostic problem in names)
            {
                Console.Error.WriteLine(problem);
            }

            if (names.Count > 0)
            {
                Console.Error.WriteLine($"fseq: {names.Count} name(s) Azure does not take; nothing was written.");
                return 1;
            }

            string json = EventGridExport.ToJson(EventGridExport.Export(set, string.Join(' ', given)));
            return CommandOutput.Write(parsed.GetValue(output), json);
        });
        return command;
    }
}
