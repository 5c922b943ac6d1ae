using System.CommandLine;
using FunctionsSequence.Cli.Engine;
using FunctionsSequence.Cli.Inspection;
using FunctionsSequence.Cli.Runtime;

namespace FunctionsSequence.Cli.Commands;

/// <summary>
/// Where <c>fseq runs</c> and <c>fseq event</c> read (a running fseq or Functions app by <c>--url</c>,
/// or a task hub by <c>--store</c>) and how they print (<c>--output table|json</c>).
/// </summary>
internal sealed class InspectionOptions
{
    private static readonly Uri DefaultUrl = new("http://127.0.0.1:7071/");

    private readonly CheckedOption<Uri?> url = new("--url", "an http or https URL, such as http://127.0.0.1:7071", words =>
        words is [string word] && Uri.TryCreate(word.EndsWith('/') ? word : word + "/", UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https" ? (true, uri) : (false, null))
    {
        Description = "a running fseq, or a Functions app (https://APP.azurewebsites.net with --key) [default: http://127.0.0.1:7071]",
        HelpName = "URL",
    };

    private readonly CheckedOption<string?> key = CommandOptions.Text("--key", "a key", "KEY", "the Functions app's function key (x-functions-key)");

    private readonly CheckedOption<StorageTarget?> store = new("--store", StorageTarget.Needs, words =>
        words is [string word] && StorageTarget.Parse(word) is { } target ? (true, target) : (false, null))
    {
        Description = "read the task hub in storage instead: azurite, a connection string, or a storage account name (signed in with Entra ID: az login, environment, managed identity)",
        HelpName = "azurite|CONNECTION-STRING|ACCOUNT",
    };

    private readonly CheckedOption<string?> taskHub = CommandOptions.Text("--task-hub", "a task hub name", "NAME", "the task hub in that storage (the Functions app's is its TaskHubName setting)");

    private readonly CheckedOption<string> output = CommandOptions.Choice("--output", "table (for a terminal) or json (for scripts)", "table", "table", "json");

    public InspectionOptions(Command command)
    {
        taskHub.DefaultValueFactory = _ => new EngineOptions().TaskHub;
        store.CompletionSources.Add("azurite");
        foreach (Option option in new Option[] { url, key, store, taskHub, output })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (result.GetResult(store) is not null && (result.GetResult(url) is not null || result.GetResult(key) is not null))
            {
                result.AddError($"{command.Name} reads either a running fseq or app (--url, --key) or a task hub (--store), not both");
            }
        });
    }

    /// <summary>True for <c>--output json</c>.</summary>
    public bool Json(ParseResult parsed) => parsed.GetRequiredValue(output) == "json";

    /// <summary>Opens the source the options name.</summary>
    public async Task<IRunSource> OpenAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        if (parsed.GetValue(store) is { } target)
        {
            // The storage backend's own logs stay quiet: the command prints what it found, or one error.
            ILoggerFactory logs = LoggerFactory.Create(logging => LocalRuntime.ConfigureLogging(logging, LogLevel.None));
            return await StoreRunSource.OpenAsync(target, parsed.GetValue(taskHub) ?? new EngineOptions().TaskHub, logs, cancellationToken);
        }

        return new HttpRunSource(parsed.GetValue(url) ?? DefaultUrl, parsed.GetValue(key));
    }
}
