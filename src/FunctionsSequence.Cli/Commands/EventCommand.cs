using System.CommandLine;
using System.Text.Json;
using FunctionsSequence.Cli.Inspection;
using FunctionsSequence.Core.Inspection;

namespace FunctionsSequence.Cli.Commands;

/// <summary><c>fseq event ID</c>: where an event went, run by run and hop by hop; exits 1 when no run carried it.</summary>
internal static class EventCommand
{
    public static Command Create()
    {
        var command = new Command("event", "Show where an event went: every run that carried it (oldest first), which hops it reached, when, how many attempts, which error, whether it was dead-lettered.");
        var id = new RequiredArgument<string>(CommandLine.IdArgument, "an event ID", ArgumentArity.ExactlyOne) { Description = "the event's CloudEvent id (or a run's instance id)" };
        command.Arguments.Add(id);
        var source = new InspectionOptions(command);
        command.SetAction((parsed, cancellationToken) => InspectionCommand.RunAsync(source, parsed, async runs =>
        {
            string eventId = parsed.GetRequiredValue(id);
            EventReport report = await runs.FindEventAsync(eventId, cancellationToken);
            if (source.Json(parsed))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(report, InspectionApi.Json));
            }
            else
            {
                RunTables.WriteEvent(Console.Out, report);
            }

            if (report.Runs.Count == 0)
            {
                Console.Error.WriteLine($"fseq: no run carries an event with id '{eventId}' (finished runs are purged after a while; failed ones are kept)");
                return 1;
            }

            return 0;
        }, cancellationToken));
        return command;
    }
}
