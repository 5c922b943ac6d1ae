using System.Globalization;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Inspection;

namespace FunctionsSequence.Cli.Inspection;

/// <summary>How <c>fseq runs</c> and <c>fseq event</c> print for a terminal.</summary>
internal static class RunTables
{
    /// <summary>The longest failure or error a table shows; <c>--output json</c> has them whole.</summary>
    private const int MaxText = 100;

    /// <summary>One line per run.</summary>
    public static void WriteRuns(TextWriter writer, IReadOnlyList<RunSummary> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var table = new TextTable("RUN", "TARGET", "STATUS", "CREATED", "EVENTS", "ATTEMPTS", "DEAD-LETTERED", "FAILURE");
        foreach (RunSummary run in runs)
        {
            table.Add(
                run.Id,
                $"{run.Kind}/{run.Target}",
                run.Status,
                Time(run.Created.UtcDateTime),
                Events(run.EventIds),
                Number(run.Attempts),
                Number(run.DeadLettered),
                Cut(run.Failure));
        }

        table.WriteTo(writer);
    }

    /// <summary>The event's runs, oldest first, each with the event's hops there.</summary>
    public static void WriteEvent(TextWriter writer, EventReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        foreach (RunDetail run in report.Runs)
        {
            RunSummary summary = run.Run;
            writer.WriteLine($"{summary.Kind}/{summary.Target}  run {summary.Id}  {summary.Status}  created {Time(summary.Created.UtcDateTime)}  updated {Time(summary.Updated.UtcDateTime)}");
            foreach (EventPath path in run.Events)
            {
                writer.WriteLine($"  event {path.Id} from {path.Source}, type {path.Type}{(summary.EventIds.Count > 1 ? $" ({path.Index + 1} of {summary.EventIds.Count} in a shared run)" : string.Empty)}");
                if (path.Hops.Count == 0)
                {
                    writer.WriteLine("  no hop recorded yet");
                    continue;
                }

                var table = new TextTable("HOP", "ATTEMPTS", "FIRST", "LAST", "RESULT", "ERROR");
                foreach (HopStatus hop in path.Hops)
                {
                    string result = hop.DeadLetterSink is not { } sink ? hop.Result
                        : hop.Result == RunReader.ResultOf(HopFate.DeadLetterFailed) ? $"{hop.Result} ({sink})"
                        : $"{hop.Result} to {sink}";
                    string? error = hop.Error is null ? null : $"{(hop.Status is > 0 ? $"{hop.Status}: " : string.Empty)}{hop.Error}";
                    table.Add(hop.Hop, Number(hop.Attempts), Time(hop.First), Time(hop.Last), result, Cut(error));
                }

                table.WriteTo(writer, "  ");
            }

            if (summary.Failure is { } failure)
            {
                writer.WriteLine($"  run failed: {failure}");
            }

            if (run.Dropped > 0)
            {
                writer.WriteLine($"  ({run.Dropped} later attempt(s) or failure(s) not recorded: the run's record is bounded)");
            }
        }
    }

    /// <summary>A time in UTC, marked so (as <c>fseq redrive</c> prints its times): a reader in another zone must not take it for local.</summary>
    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Events(IReadOnlyList<string> ids) => ids.Count switch
    {
        0 => "-",
        1 => ids[0],
        _ => $"{ids[0]} +{ids.Count - 1}",
    };

    private static string? Cut(string? text)
    {
        string? line = text?.ReplaceLineEndings(" ");
        return line is { Length: > MaxText } ? line[..(MaxText - 3)] + "..." : line;
    }
}
