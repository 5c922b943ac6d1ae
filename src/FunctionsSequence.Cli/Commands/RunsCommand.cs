using System.CommandLine;
using System.Text.Json;
using FunctionsSequence.Cli.Inspection;
using FunctionsSequence.Core.Inspection;

namespace FunctionsSequence.Cli.Commands;

/// <summary><c>fseq runs</c>: the runs of a running fseq or app, or of a task hub in storage, newest first.</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var command = new Command("runs", "List runs (Sequence, Parallel and Trigger orchestrations), newest first: their events, status, attempts, dead letters and failure; from a running fseq or Functions app, or a task hub in storage.");
        CheckedOption<string?> sequence = CommandOptions.Text("--sequence", "a Sequence name", "NAME", "only the runs of this Sequence");
        CheckedOption<string?> status = new("--status", "failed, running, pending or completed", words =>
            words is [string word] && RunStates.Filterable.FirstOrDefault(s => s.Equals(word, StringComparison.OrdinalIgnoreCase)) is { } state ? (true, state) : (false, null))
        {
            Description = "only the runs in this state",
            HelpName = string.Join('|', RunStates.Filterable),
        };
        status.CompletionSources.Add([.. RunStates.Filterable]);
        CheckedOption<int> limit = CommandOptions.WholeNumber("--limit", 1, RunFilter.MaxLimit, RunFilter.DefaultLimit, "the most runs to list");
        command.Options.Add(sequence);
        command.Options.Add(status);
        command.Options.Add(limit);
        var source = new InspectionOptions(command);
        command.SetAction((parsed, cancellationToken) => InspectionCommand.RunAsync(source, parsed, async runs =>
        {
            IReadOnlyList<RunSummary> found = await runs.ListAsync(new RunFilter(parsed.GetValue(sequence), parsed.GetValue(status), parsed.GetValue(limit)), cancellationToken);
            if (source.Json(parsed))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(found, InspectionApi.Json));
            }
            else if (found.Count == 0)
            {
                Console.Error.WriteLine(await NoRunsAsync(runs, parsed.GetValue(sequence), parsed.GetValue(status), cancellationToken));
            }
            else
            {
                RunTables.WriteRuns(Console.Out, found);
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    /// <summary>
    /// "no runs" (in the state asked for); when --sequence names a Trigger or Parallel that has runs, says so, as
    /// --sequence selects Sequences only.
    /// </summary>
    private static async Task<string> NoRunsAsync(IRunSource runs, string? sequence, string? status, CancellationToken cancellationToken)
    {
        string none = status is null ? "fseq: no runs" : $"fseq: no {status} runs";
        if (sequence is null)
        {
            return none;
        }

        IReadOnlyList<RunSummary> all = await runs.ListAsync(new RunFilter(Limit: RunFilter.MaxLimit), cancellationToken);
        return all.FirstOrDefault(r => r.Target == sequence && r.Kind != "Sequence") is { } other
            ? $"{none} of a Sequence named '{sequence}'; {sequence} is a {other.Kind}, and --sequence selects Sequences only (leave it out to list every run)"
            : $"{none} of a Sequence named '{sequence}'";
    }
}
