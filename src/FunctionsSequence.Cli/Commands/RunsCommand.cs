using System.CommandLine;
using System.Text.Json;
using FunctionsSequence.Cli.Inspection;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Inspection;

namespace FunctionsSequence.Cli.Commands;

/// <summary><c>fseq runs</c>: the runs of a running fseq or app, or of a task hub in storage, newest first.</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var command = new Command("runs", "List runs (Sequence, Parallel and Trigger orchestrations), newest first: their events, status, attempts, dead letters and failure; from a running fseq or Functions app, or a task hub in storage.");
        (CheckedOption<string?> Option, RunKind Kind)[] targets = [.. RunFilter.TargetParameters.Select(p =>
            (CommandOptions.Text("--" + p.Name, $"a {p.Kind} name", "NAME", $"only the runs of this {p.Kind}"), p.Kind))];
        CheckedOption<string?> status = new("--status", "failed, running, pending or completed", words =>
            words is [string word] && RunStates.Filterable.FirstOrDefault(s => s.Equals(word, StringComparison.OrdinalIgnoreCase)) is { } state ? (true, state) : (false, null))
        {
            Description = "only the runs in this state (running: every run not ended, those pending included)",
            HelpName = string.Join('|', RunStates.Filterable),
        };
        status.CompletionSources.Add([.. RunStates.Filterable]);
        CheckedOption<int> limit = CommandOptions.WholeNumber("--limit", 1, RunFilter.MaxLimit, RunFilter.DefaultLimit, "the most runs to list");
        foreach ((CheckedOption<string?> option, _) in targets)
        {
            command.Options.Add(option);
        }

        command.Options.Add(status);
        command.Options.Add(limit);
        command.Validators.Add(result =>
        {
            if (targets.Count(t => result.GetResult(t.Option) is { Implicit: false }) > 1)
            {
                result.AddError($"runs takes at most one of {string.Join(", ", targets.Select(t => t.Option.Name))}: a run has one target");
            }
        });
        var source = new InspectionOptions(command);
        command.SetAction((parsed, cancellationToken) => InspectionCommand.RunAsync(source, parsed, async runs =>
        {
            RunTarget? target = targets
                .Where(t => parsed.GetValue(t.Option) is not null)
                .Select(t => new RunTarget(t.Kind, parsed.GetValue(t.Option)!))
                .FirstOrDefault();
            IReadOnlyList<RunSummary> found = await runs.ListAsync(new RunFilter(target, parsed.GetValue(status), parsed.GetValue(limit)), cancellationToken);
            if (source.Json(parsed))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(found, InspectionApi.Json));
            }
            else if (found.Count == 0)
            {
                Console.Error.WriteLine(await NoRunsAsync(runs, target, parsed.GetValue(status), cancellationToken));
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
    /// "no runs" (in the state asked for); when the name asked for is a resource of another kind that
    /// has runs, says which option selects them.
    /// </summary>
    private static async Task<string> NoRunsAsync(IRunSource runs, RunTarget? target, string? status, CancellationToken cancellationToken)
    {
        string none = status is null ? "fseq: no runs" : $"fseq: no {status} runs";
        if (target is null)
        {
            return none;
        }

        string asked = $"{none} of a {target.Kind} named '{target.Name}'";
        IReadOnlyList<RunSummary> all = await runs.ListAsync(new RunFilter(Limit: RunFilter.MaxLimit), cancellationToken);
        return all.FirstOrDefault(r => r.Target == target.Name && r.Kind != target.Kind.ToString()) is { } other
            && Enum.TryParse(other.Kind, out RunKind kind)
            ? $"{asked}; {target.Name} is a {other.Kind}: give --{RunFilter.ParameterOf(kind)} {target.Name}"
            : asked;
    }
}
