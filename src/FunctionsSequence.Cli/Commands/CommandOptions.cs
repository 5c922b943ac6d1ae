using System.CommandLine;
using System.Globalization;
using FunctionsSequence.Cli.Engine;
using FunctionsSequence.Cli.Inspection;
using FunctionsSequence.Core.Api;

namespace FunctionsSequence.Cli.Commands;

/// <summary>The kinds of option and argument fseq's commands take, each with the message for a bad value.</summary>
internal static class CommandOptions
{
    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, <paramref name="byDefault"/> when absent.</summary>
    public static CheckedOption<int> WholeNumber(string name, int min, int max, int byDefault, string description) =>
        new(name, $"a whole number from {min} to {max}", words =>
            words is [string word] && int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
                ? (true, value)
                : (false, 0))
        {
            Description = description,
            HelpName = "N",
            DefaultValueFactory = _ => byDefault,
        };

    /// <summary>Any non-empty text; <paramref name="helpName"/> names it in help and in the error ("--output needs a file name").</summary>
    public static CheckedOption<string?> Text(string name, string needs, string helpName, string description) =>
        new(name, needs, words => words is [{ Length: > 0 } word] ? (true, word) : (false, null))
        {
            Description = description,
            HelpName = helpName,
        };

    /// <summary>An absolute http or https URL.</summary>
    public static CheckedOption<Uri?> Url(string name, string helpName, string description) =>
        new(name, "an absolute http:// or https:// URL", words =>
            words is [string word] && Uri.TryCreate(word, UriKind.Absolute, out Uri? url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
                ? (true, url)
                : (false, null))
        {
            Description = description,
            HelpName = helpName,
        };

    /// <summary>
    /// One of <paramref name="choices"/>, in any case (offered by shell completion),
    /// <paramref name="byDefault"/> when absent; the value is the choice as listed.
    /// </summary>
    public static CheckedOption<string> Choice(string name, string description, string byDefault, params string[] choices)
    {
        string needs = choices.Length == 1 ? choices[0] : $"{string.Join(", ", choices[..^1])} or {choices[^1]}";
        var option = new CheckedOption<string>(name, needs, words =>
            words is [string word] && choices.FirstOrDefault(c => c.Equals(word, StringComparison.OrdinalIgnoreCase)) is { } choice
                ? (true, choice)
                : (false, byDefault))
        {
            Description = description,
            HelpName = string.Join('|', choices),
            DefaultValueFactory = _ => byDefault,
        };
        option.CompletionSources.Add(choices);
        return option;
    }

    /// <summary><c>--checkpoint step|sequence</c>: how Sequences that do not choose save their progress.</summary>
    public static CheckedOption<CheckpointMode> Checkpoint()
    {
        var option = new CheckedOption<CheckpointMode>("--checkpoint", "step or sequence", words =>
            words is [string word] && Enum.TryParse(word, ignoreCase: true, out CheckpointMode mode) && Enum.IsDefined(mode) && !char.IsDigit(word[0])
                ? (true, mode)
                : (false, CheckpointMode.Step))
        {
            // Absent, it is CheckpointMode.Step, the enum's default; said in the description, as a default
            // value factory would show "[default: Step]" beside "step|sequence".
            Description = "for Sequences without the functionssequence.dev/checkpoint annotation: step (one activity per step, progress saved after each) or sequence (one activity for all steps: several times the throughput) [default: step]",
            HelpName = "step|sequence",
        };
        option.CompletionSources.Add("step", "sequence");
        return option;
    }

    /// <summary>
    /// <c>--function-timeout HH:MM:SS</c>: the Functions app's <c>functionTimeout</c>, to check the manifests against
    /// as the app does at start (fseq itself has no such limit).
    /// </summary>
    public static CheckedOption<TimeSpan?> FunctionTimeout() =>
        new("--function-timeout", "a time above zero, such as 00:10:00", words =>
            words is [string word] && TimeSpan.TryParse(word, System.Globalization.CultureInfo.InvariantCulture, out TimeSpan timeout) && timeout > TimeSpan.Zero
                ? (true, timeout)
                : (false, null))
        {
            Description = "also check each delivery timeout against the Functions app's functionTimeout (host.json's is 00:10:00), as the app does at start",
            HelpName = "HH:MM:SS",
        };

    /// <summary>
    /// The manifests a command reads: files or folders of YAML or JSON, at least one, or "-" for standard input. Another word
    /// that starts with "-" and names no file is an option the command does not have, not a file; kubectl's own say what to do instead.
    /// </summary>
    public static Argument<string[]> Paths(Command command)
    {
        var paths = new RequiredArgument<string[]>("PATH", "at least one manifest file or folder", ArgumentArity.OneOrMore)
        {
            Description = "manifest files, or folders of .yaml, .yml and .json files; - reads them from standard input",
        };
        command.Arguments.Add(paths);
        command.Validators.Add(result =>
        {
            foreach (string unknown in (result.GetValue(paths) ?? []).Where(p => p.StartsWith('-') && p != "-" && !File.Exists(p) && !Directory.Exists(p)))
            {
                result.AddError($"unknown option '{unknown}' for {command.Name}{KubectlHint(unknown, command.Name)}");
            }
        });
        return paths;
    }

    private static string KubectlHint(string option, string command) => option switch
    {
        "-f" or "--filename" => $" (kubectl's -f is not needed: give the files and folders themselves, as in fseq {command} DIR)",
        "-n" or "--namespace" => " (namespaces come from the manifests' metadata.namespace, or the one they are written for)",
        "-R" or "--recursive" => " (folders are always read with their subfolders)",
        _ => string.Empty,
    };

    /// <summary>Where <c>--url</c> points when it is not given: a local fseq, or <c>func start</c>.</summary>
    public static readonly Uri LocalApp = new("http://127.0.0.1:7071/");

    /// <summary><c>--url</c>: a running fseq or Functions app, read as a base address (a '/' is added).</summary>
    public static CheckedOption<Uri?> AppUrl(string description) =>
        new("--url", "an http or https URL, such as http://127.0.0.1:7071", words =>
            words is [string word] && Uri.TryCreate(word.EndsWith('/') ? word : word + "/", UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https" ? (true, uri) : (false, null))
        {
            Description = $"{description} [default: http://127.0.0.1:7071]",
            HelpName = "URL",
        };

    /// <summary>
    /// <c>--timeout</c> of a command that asks a running app: seconds to wait for each answer
    /// (HttpClient's default when absent).
    /// </summary>
    public static CheckedOption<int> AnswerTimeout(string whose) =>
        WholeNumber("--timeout", 1, 3600, 100, $"seconds to wait for {whose} answer");

    /// <summary>The environment variable a Functions app's function key may come from, so that it need not be in a command line.</summary>
    public const string KeyVariable = "FSEQ_KEY";

    /// <summary>The function key in <see cref="KeyVariable"/>, if set.</summary>
    public static string? KeyFromEnvironment => Environment.GetEnvironmentVariable(KeyVariable) is { Length: > 0 } key ? key : null;

    /// <summary><c>--key</c>: a Functions app's function key, sent as <c>x-functions-key</c>; else <see cref="KeyVariable"/>'s.</summary>
    public static CheckedOption<string?> FunctionKey()
    {
        CheckedOption<string?> key = Text("--key", "a key", "KEY", $"a Functions app's function key (x-functions-key) [default: ${KeyVariable}, which keeps it out of the shell's history]");
        key.DefaultValueFactory = _ => KeyFromEnvironment;
        return key;
    }

    /// <summary>
    /// Makes <paramref name="command"/> refuse <paramref name="store"/> given with any of
    /// <paramref name="app"/> (<c>--url</c>, <c>--key</c>, <c>--timeout</c>): it reads one or the other,
    /// so asking for both is a usage error, not one of them silently dropped.
    /// </summary>
    /// <param name="command">The command.</param>
    /// <param name="shownName">How its usage error names it (a subcommand with its parent).</param>
    /// <param name="store">Its <c>--store</c>.</param>
    /// <param name="app">Its options for asking a running app.</param>
    public static void ReadsAppOrStore(Command command, string shownName, Option store, params Option[] app)
    {
        ArgumentNullException.ThrowIfNull(command);
        string appNames = string.Join(", ", app.Select(o => o.Name));
        command.Validators.Add(result =>
        {
            if (result.GetResult(store) is not null && app.Any(o => result.GetResult(o) is { Implicit: false }))
            {
                result.AddError($"{shownName} reads either a running fseq or app ({appNames}) or a task hub ({store.Name}), not both");
            }
        });
    }

    /// <summary>
    /// Makes <paramref name="command"/> refuse <paramref name="taskHub"/> given where there is no task
    /// hub to name (no <paramref name="store"/>, or fseq's in-memory store), rather than drop the name silently.
    /// </summary>
    /// <param name="command">The command.</param>
    /// <param name="taskHub">Its <c>--task-hub</c>.</param>
    /// <param name="store">Its <c>--store</c>.</param>
    /// <param name="otherwise">What the command reads or keeps instead, for the error.</param>
    public static void TaskHubNeedsStore(Command command, Option taskHub, Option store, string otherwise)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Validators.Add(result =>
        {
            // The words as given: a value refused by its own check is reported by that check.
            bool inStorage = result.GetResult(store) is { Implicit: false, Tokens: [{ Value: string word }] } && !IsInMemory(word);
            if (result.GetResult(taskHub) is { Implicit: false } && !inStorage)
            {
                result.AddError($"{taskHub.Name} names a task hub in storage, so it needs {store.Name} ({otherwise})");
            }
        });
    }

    /// <summary><c>--store</c>: <c>azurite</c>, a connection string or a storage account name (offered by completion: azurite).</summary>
    public static CheckedOption<StorageTarget?> Store(string description)
    {
        // "memory" is a valid account name, but here it means fseq's in-memory store, which only the
        // running fseq can read.
        CheckedOption<StorageTarget?> store = new("--store", StorageTarget.Needs, words =>
            words is [string word] && !IsInMemory(word) && StorageTarget.Parse(word) is { } target ? (true, target) : (false, null))
        {
            Description = $"{description}: azurite, a connection string, or a storage account name (signed in with Entra ID: az login, environment, managed identity)",
            HelpName = "azurite|CONNECTION-STRING|ACCOUNT",
            Quote = word => IsInMemory(word) ? $"'{word}' (fseq's in-memory store is read through the running fseq: --url)" : StorageTarget.Quote(word),
        };
        store.CompletionSources.Add("azurite");
        return store;
    }

    /// <summary>What <c>fseq run --store</c> is when the engine keeps its state in memory.</summary>
    public const string InMemory = "memory";

    private static bool IsInMemory(string word) => word.Equals(InMemory, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// <c>fseq run --store</c>: where the engine keeps its state, <see cref="InMemory"/> (the default) or
    /// the connection string of <c>azurite</c> or of the one given (offered by completion: memory, azurite).
    /// </summary>
    public static CheckedOption<string> EngineStore()
    {
        CheckedOption<string> store = new("--store", "memory, azurite or an Azure Storage connection string", words => words switch
        {
            [string word] when IsInMemory(word) => (true, InMemory),
            [string word] when StorageTarget.Parse(word) is { ConnectionString: { } connection } => (true, connection),
            _ => (false, InMemory),
        })
        {
            Description = "where the engine keeps its state: memory (lost when fseq stops), azurite (the storage emulator on 127.0.0.1:10000-10002) or an Azure Storage connection string; with storage, work survives a crash and restart",
            HelpName = "memory|azurite|CONNECTION-STRING",
            DefaultValueFactory = _ => InMemory,
            Quote = StorageTarget.Quote,
        };
        store.CompletionSources.Add(InMemory, "azurite");
        return store;
    }

    /// <summary>
    /// <c>--task-hub</c>, fseq's own task hub when absent: a name the Azure Storage backend takes
    /// (a letter, then letters and digits, 3 to 45 in all), as Durable Functions requires.
    /// </summary>
    public static CheckedOption<string?> TaskHub(string description) =>
        new("--task-hub", "a task hub name of 3 to 45 letters and digits, the first a letter", words =>
            words is [{ Length: >= 3 and <= 45 } word] && char.IsAsciiLetter(word[0]) && word.All(char.IsAsciiLetterOrDigit) ? (true, word) : (false, null))
        {
            Description = description,
            HelpName = "NAME",
            DefaultValueFactory = _ => new EngineOptions().TaskHub,
        };
}
