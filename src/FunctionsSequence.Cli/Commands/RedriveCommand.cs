using System.CommandLine;
using System.Text.Json;
using Azure.Data.Tables;
using FunctionsSequence.Cli.Engine;
using FunctionsSequence.Cli.Sending;
using FunctionsSequence.Core.DeadLetters;

namespace FunctionsSequence.Cli.Commands;

/// <summary>
/// <c>fseq redrive list</c> and <c>fseq redrive send ID... | --all</c>: the dead letters a running
/// fseq or Functions app keeps (or, for list, its storage's table read directly), and redrives
/// through the app's route, each printed as its audit line.
/// </summary>
internal static class RedriveCommand
{
    private static readonly Uri LocalApp = new("http://127.0.0.1:7071/");

    public static Command Create()
    {
        var command = new Command("redrive", "List dead-lettered events and send chosen ones back to the hop that dead-lettered them, keeping id and extensions.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Send());
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the dead letters kept by a running fseq or Functions app (--url), or in its storage (--store).");
        (CheckedOption<Uri?> url, CheckedOption<string?> key) = AppOptions(command);
        CheckedOption<string?> store = CommandOptions.Text("--store", "azurite or an Azure Storage connection string", "azurite|CONNECTION-STRING", "read the dead-letter table in this storage instead of asking the app");
        store.CompletionSources.Add("azurite");
        CheckedOption<string?> taskHub = CommandOptions.Text("--task-hub", "a task hub name", "NAME", "the task hub whose dead letters --store reads");
        taskHub.DefaultValueFactory = _ => new EngineOptions().TaskHub;
        CheckedOption<string> output = CommandOptions.Choice("--output", "text (a line each) or json", "text", "text", "json");
        command.Options.Add(store);
        command.Options.Add(taskHub);
        command.Options.Add(output);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            IReadOnlyList<DeadLetterRecord> records;
            try
            {
                records = parsed.GetValue(store) is { } connection
                    ? await new TableDeadLetterStore(new TableServiceClient(connection == "azurite" ? EngineOptions.Azurite : connection), parsed.GetValue(taskHub)!).ListAsync(cancellationToken)
                    : await ListFromAppAsync(parsed.GetValue(url) ?? LocalApp, parsed.GetValue(key), cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or Azure.RequestFailedException)
            {
                Console.Error.WriteLine($"fseq: cannot list dead letters: {ex.Message}");
                return 1;
            }

            if (parsed.GetValue(output) == "json")
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(records, DeadLetterJson.Options));
                return 0;
            }

            foreach (DeadLetterRecord record in records)
            {
                Console.Out.WriteLine(DeadLetterLines.Format(record));
            }

            Console.Out.WriteLine($"{records.Count} dead letter(s), {records.Count(r => r.State != DeadLetterState.Redriven)} not redriven");
            return 0;
        });
        return command;
    }

    private static Command Send()
    {
        var command = new Command("send", "Send dead letters back to the hop that dead-lettered them, through the app's redrive route; print an audit line for each.");
        var ids = new Argument<string[]>("ID") { Description = "dead letters to redrive, as fseq redrive list shows them", Arity = ArgumentArity.ZeroOrMore };
        command.Arguments.Add(ids);
        (CheckedOption<Uri?> url, CheckedOption<string?> key) = AppOptions(command);
        var all = new Option<bool>("--all") { Description = "every dead letter not redriven yet" };
        command.Options.Add(all);
        command.Validators.Add(result =>
        {
            bool some = (result.GetValue(ids) ?? []).Length > 0;
            if (some == result.GetValue(all))
            {
                result.AddError(some ? "send takes dead-letter IDs or --all, not both" : "send needs dead-letter IDs or --all");
            }
        });
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = new RedriveClient(parsed.GetValue(url) ?? LocalApp, parsed.GetValue(key));
            int failed = 0;
            try
            {
                IEnumerable<string> chosen = parsed.GetValue(all)
                    ? (await client.ListAsync(cancellationToken)).Where(r => r.State != DeadLetterState.Redriven).Select(r => r.Id)
                    : parsed.GetValue(ids)!;
                foreach (string id in chosen)
                {
                    RedriveAudit audit = await client.RedriveAsync(id, cancellationToken);
                    Console.Out.WriteLine(audit);
                    failed += audit.Outcome is RedriveOutcome.Started or RedriveOutcome.AlreadyStarted ? 0 : 1;
                }
            }
            catch (HttpRequestException ex)
            {
                Console.Error.WriteLine($"fseq: cannot redrive: {ex.Message}");
                return 1;
            }

            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    private static (CheckedOption<Uri?> Url, CheckedOption<string?> Key) AppOptions(Command command)
    {
        CheckedOption<Uri?> url = new("--url", "an http or https URL, such as http://127.0.0.1:7071", words =>
            words is [string word] && Uri.TryCreate(word.EndsWith('/') ? word : word + "/", UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https" ? (true, uri) : (false, null))
        {
            Description = "the running fseq or Functions app [default: http://127.0.0.1:7071]",
            HelpName = "URL",
        };
        CheckedOption<string?> key = CommandOptions.Text("--key", "a key", "KEY", "a Functions app function key (x-functions-key)");
        command.Options.Add(url);
        command.Options.Add(key);
        return (url, key);
    }

    private static async Task<IReadOnlyList<DeadLetterRecord>> ListFromAppAsync(Uri app, string? key, CancellationToken cancellationToken)
    {
        using var client = new RedriveClient(app, key);
        return await client.ListAsync(cancellationToken);
    }
}
