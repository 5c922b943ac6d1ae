using System.CommandLine;
using FunctionsSequence.Cli.Inspection;

namespace FunctionsSequence.Cli.Commands;

/// <summary>
/// Where <c>fseq runs</c> and <c>fseq event</c> read (a running fseq or Functions app by <c>--url</c>,
/// or a task hub by <c>--store</c>) and how they print (<c>--output table|json</c>).
/// </summary>
internal sealed class InspectionOptions
{
    private readonly CheckedOption<Uri?> url = CommandOptions.AppUrl("a running fseq, or a Functions app (https://APP.azurewebsites.net with --key)");

    private readonly CheckedOption<string?> key = CommandOptions.FunctionKey();

    private readonly CheckedOption<int> timeout = CommandOptions.AnswerTimeout("the app's");

    private readonly CheckedOption<StorageTarget?> store = CommandOptions.Store("read the task hub in storage instead");

    private readonly CheckedOption<string?> taskHub = CommandOptions.TaskHub("the task hub in that storage (the Functions app's is its TaskHubName setting)");

    private readonly CheckedOption<string> output = CommandOptions.Choice("--output", "table (for a terminal) or json (for scripts)", "table", "table", "json");

    public InspectionOptions(Command command)
    {
        foreach (Option option in new Option[] { url, key, timeout, store, taskHub, output })
        {
            command.Options.Add(option);
        }

        CommandOptions.ReadsAppOrStore(command, command.Name, store, url, key, timeout);
        CommandOptions.TaskHubNeedsStore(command, taskHub, store, "without it, the app at --url is read, with its own task hub");
    }

    /// <summary>True for <c>--output json</c>.</summary>
    public bool Json(ParseResult parsed) => parsed.GetRequiredValue(output) == "json";

    /// <summary>Opens the source the options name.</summary>
    public async Task<IRunSource> OpenAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        if (parsed.GetValue(store) is { } target)
        {
            // No log providers: the storage backend's own logs stay quiet; the command prints what it found, or one error.
            ILoggerFactory logs = LoggerFactory.Create(static _ => { });
            return await StoreRunSource.OpenAsync(target, parsed.GetValue(taskHub)!, logs, cancellationToken);
        }

        return new HttpRunSource(parsed.GetValue(url) ?? CommandOptions.LocalApp, parsed.GetValue(key), TimeSpan.FromSeconds(parsed.GetValue(timeout)));
    }
}
