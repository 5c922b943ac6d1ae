using System.CommandLine;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Infra;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Cli.Commands;

/// <summary><c>fseq validate</c>: check the manifests and say what they hold.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var command = new Command("validate", "Check the manifests; print every error and warning with file, line and field; exit 1 if there is an error.");
        Argument<string[]> paths = CommandOptions.Paths(command);
        CheckedOption<CheckpointMode> checkpoint = CommandOptions.Checkpoint();
        command.Options.Add(checkpoint);
        CheckedOption<TimeSpan?> functionTimeout = CommandOptions.FunctionTimeout();
        command.Options.Add(functionTimeout);
        command.SetAction(parsed =>
        {
            if (ManifestInput.Load(parsed.GetRequiredValue(paths), parsed.GetValue(checkpoint), functionTimeout: parsed.GetValue(functionTimeout)) is not { } set)
            {
                return 1;
            }

            // What Azure refuses, fseq runs: said here, so that a deploy is not the first to tell. Checking as the app will
            // (--function-timeout), a Trigger name it refuses at start is an error, as the app's start would be.
            bool forApp = parsed.GetValue(functionTimeout) is not null;
            IReadOnlyList<ManifestDiagnostic> refusedByApp = forApp ? EventGridNames.CheckTriggers(set) : [];
            foreach (ManifestDiagnostic name in EventGridNames.Check(set))
            {
                Console.Error.WriteLine(refusedByApp.Contains(name)
                    ? name with { Message = $"{name.Message}; the Functions app does not start with it" }
                    : name with { Severity = DiagnosticSeverity.Warning, Message = $"{name.Message}; fseq runs it as it is" });
            }

            if (refusedByApp.Count > 0)
            {
                return 1;
            }

            if (parsed.GetValue(functionTimeout) is { } limit && DeliveryPolicy.CallLimitWarning(limit) is { } noRoom)
            {
                Console.Error.WriteLine($"fseq: warning: {noRoom}");
            }

            Console.Out.WriteLine($"OK: {set.Summary}.");
            return 0;
        });
        return command;
    }
}
