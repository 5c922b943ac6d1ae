using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Cli.Commands;

/// <summary>
/// fseq's commands on System.CommandLine, which gives each command its help (<c>fseq run --help</c>)
/// and shell completion. A usage mistake prints "fseq: " and what was wrong, one line each,
/// to stderr and exits <see cref="UsageError"/>; help and no arguments at all exit 0.
/// </summary>
internal static class CommandLine
{
    /// <summary>The exit code of a usage mistake (BSD's EX_USAGE).</summary>
    public const int UsageError = 64;

    /// <summary>The name of an argument that takes IDs (of events, runs, dead letters).</summary>
    public const string IdArgument = "ID";

    public static Task<int> InvokeAsync(string[] args)
    {
        RootCommand root = Create();
        ParseResult parsed = root.Parse(args);
        List<string> errors = [.. OptionsTakenAsIds(parsed), .. UsageErrors(parsed)];
        if (errors.Count > 0)
        {
            return Task.FromResult(ReportUsageErrors(parsed, errors));
        }

        // Commands that run until stopped handle Ctrl+C themselves, however long they take to drain.
        return parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }

    /// <summary>Prints usage mistakes, each after "fseq: ", and where to find the usage; returns <see cref="UsageError"/>.</summary>
    public static int ReportUsageErrors(ParseResult parsed, IEnumerable<string> errors)
    {
        foreach (string error in errors)
        {
            Console.Error.WriteLine($"fseq: {error}");
        }

        Console.Error.WriteLine($"Run '{CommandPath(parsed.CommandResult)} --help' for usage.");
        return UsageError;
    }

    public static RootCommand Create()
    {
        var root = new RootCommand("fseq: run Knative Sequence, Parallel, Broker/Trigger and PingSource manifests on the embedded Durable Task engine")
        {
            RunCommand.Create(),
            ValidateCommand.Create(),
            ExportInfraCommand.Create(),
            GraphCommand.Create(),
            SendCommand.Create(),
            RunsCommand.Create(),
            EventCommand.Create(),
            RedriveCommand.Create(),
            CompletionCommand.Create(),
        };
        root.Subcommands.Add(HelpCommand(root));
        root.SetAction(ShowHelp);
        return root;
    }

    /// <summary>Every mistake in the command line; none when it can run.</summary>
    private static List<string> UsageErrors(ParseResult parsed)
    {
        if (parsed.Action is not ParseErrorAction)
        {
            return [];
        }

        // Words that no command or option takes, in fseq's words; the parser's own errors for them
        // (which quote the word) give way.
        // Where commands are expected (the root, redrive) the first such word is the command meant, and the words
        // after it its arguments, not more commands.
        Command command = parsed.CommandResult.Command;
        string[] commands = [.. command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name)];
        string within = command is RootCommand ? string.Empty : $" for {CommandName(parsed.CommandResult)}";
        IEnumerable<string> unmatched = commands.Length > 0 && parsed.UnmatchedTokens.FirstOrDefault(w => !w.StartsWith('-')) is { } meant
            ? [meant]
            : parsed.UnmatchedTokens;
        var errors = unmatched.Select(word => commands.Length > 0 && !word.StartsWith('-')
            ? Spelling.Suggest(word, commands) is { } close
                ? $"unknown command '{word}'{within}; did you mean '{close}'? (expected {string.Join(", ", commands)})"
                : $"unknown command '{word}'{within} (expected {string.Join(", ", commands)})"
            : word.StartsWith('-') ? $"unknown option '{word}' for {CommandName(parsed.CommandResult)}" : $"unexpected argument '{word}' for {CommandName(parsed.CommandResult)}").ToList();
        foreach (ParseError error in parsed.Errors)
        {
            if (error.SymbolResult is OptionResult { Tokens.Count: 0, Option: ICheckedOption option } result)
            {
                // An option given without its value gets the message a bad value gets.
                errors.Add($"{result.Option.Name} needs {option.Needs}");
            }
            else if (error.SymbolResult is ArgumentResult { Tokens.Count: 0, Argument: IRequiredArgument required })
            {
                errors.Add($"{CommandName(parsed.CommandResult)} needs {required.Needs}");
            }
            else if (error.SymbolResult is CommandResult { Command: { Subcommands.Count: > 0 } parent } && parent == command)
            {
                if (parsed.UnmatchedTokens.Count > 0)
                {
                    continue; // the word given instead of a command says it already
                }

                // A command that is a group (redrive) given without one of its commands.
                errors.Add($"{CommandName(parsed.CommandResult)} needs a command: {string.Join(", ", parent.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}");
            }
            else if (!parsed.UnmatchedTokens.Any(word => error.Message.Contains($"'{word}'", StringComparison.Ordinal)))
            {
                errors.Add(error.Message);
            }
        }

        return [.. errors.Distinct()];
    }

    /// <summary>
    /// Words that start with "-" where a command takes IDs (<see cref="IdArgument"/>), before any "--": options the command does not
    /// have (<c>redrive send --store</c>), which the parser hands to the IDs; an ID that does start with "-" goes after "--".
    /// </summary>
    private static List<string> OptionsTakenAsIds(ParseResult parsed)
    {
        List<Token> tokens = [.. parsed.Tokens];
        int doubleDash = tokens.FindIndex(t => t.Type == TokenType.DoubleDash);
        return [.. parsed.CommandResult.Children.OfType<ArgumentResult>()
            .Where(a => a.Argument.Name == IdArgument)
            .SelectMany(a => a.Tokens)
            .Where(t => t.Value.Length > 1 && t.Value.StartsWith('-') && (doubleDash < 0 || tokens.FindIndex(w => ReferenceEquals(w, t)) < doubleDash))
            .Select(t => $"unknown option '{t.Value}' for {CommandName(parsed.CommandResult)} (options come first; an ID that starts with '-' goes after --)")];
    }

    private static string CommandPath(CommandResult result) =>
        result.Parent is CommandResult parent ? $"{CommandPath(parent)} {result.Command.Name}" : "fseq";

    /// <summary>The command as its messages name it: "event", "redrive send".</summary>
    public static string CommandName(CommandResult result) =>
        result.Parent is CommandResult { Parent: CommandResult } parent ? $"{CommandName(parent)} {result.Command.Name}" : result.Command.Name;

    private static int ShowHelp(ParseResult parsed) => new HelpAction().Invoke(parsed);

    /// <summary><c>fseq help [COMMAND]</c>: the same as <c>fseq [COMMAND] --help</c>.</summary>
    private static Command HelpCommand(RootCommand root)
    {
        var names = new Argument<string[]>("COMMAND") { Arity = ArgumentArity.ZeroOrMore };
        var help = new Command("help", "Show help for fseq or one of its commands.") { names };
        help.Hidden = true;
        help.SetAction(parsed =>
        {
            // A command that does not exist is the mistake it is without "help" before it.
            string[] asked = parsed.GetValue(names) ?? [];
            ParseResult target = root.Parse(asked);
            return UsageErrors(target).Where(e => e.StartsWith("unknown ", StringComparison.Ordinal) || e.StartsWith("unexpected argument ", StringComparison.Ordinal)).ToList() is { Count: > 0 } unknown
                ? ReportUsageErrors(target, unknown)
                : ShowHelp(root.Parse([.. asked, "--help"]));
        });
        return help;
    }
}
