using System.CommandLine;
using System.Text.Json;
using FunctionsSequence.Cli.Inspection;
using FunctionsSequence.Cli.Sending;
using FunctionsSequence.Core.DeadLetters;

namespace FunctionsSequence.Cli.Commands;

/// <summary>
/// <c>fseq redrive list</c>, <c>fseq redrive send ID... | --all</c> and <c>fseq redrive import</c>:
/// the dead letters a running fseq or Functions app keeps (or, for list, its storage's table read
/// directly), redrives through the app's route, each printed as its audit line, and Event Grid's
/// dead-letter blobs recorded beside them.
/// </summary>
internal static class RedriveCommand
{
    public static Command Create()
    {
        var command = new Command("redrive", "List dead-lettered events and send chosen ones back to the hop that dead-lettered them, keeping id and extensions.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Send());
        command.Subcommands.Add(Import());
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the dead letters kept by a running fseq or Functions app (--url), or in its storage (--store).");
        (CheckedOption<Uri?> url, CheckedOption<string?> key, CheckedOption<int> timeout) = AppOptions(command);
        (CheckedOption<StorageTarget?> store, CheckedOption<string?> taskHub) = StoreOptions(command, "read the dead-letter table in this storage instead of asking the app");
        CommandOptions.ReadsAppOrStore(command, "redrive list", store, url, key, timeout);
        CommandOptions.TaskHubNeedsStore(command, taskHub, store, "without it, the app at --url is read, with its own task hub");
        CheckedOption<string> output = CommandOptions.Choice("--output", "text (a line each; table, the word runs and event take, means the same) or json", "text", "text", "json", "table");
        command.Options.Add(output);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            IReadOnlyList<DeadLetterRecord> records;
            try
            {
                records = parsed.GetValue(store) is { } target
                    ? await ListFromStoreAsync(target, parsed.GetValue(taskHub)!, cancellationToken)
                    : await ListFromAppAsync(AppOf(parsed.GetValue(url)), parsed.GetValue(key), TimeSpan.FromSeconds(parsed.GetValue(timeout)), cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Azure.RequestFailedException or InspectionException)
            {
                Console.Error.WriteLine($"fseq: cannot list dead letters{At(ex, parsed.GetValue(url))}: {ex.FirstLine()}{AppHint(ex)}");
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
        var ids = new Argument<string[]>(CommandLine.IdArgument) { Description = "dead letters to redrive, as fseq redrive list shows them", Arity = ArgumentArity.ZeroOrMore };
        command.Arguments.Add(ids);
        (CheckedOption<Uri?> url, CheckedOption<string?> key, CheckedOption<int> timeout) = AppOptions(command);
        var all = new Option<bool>("--all") { Description = "every dead letter not redriven yet" };
        command.Options.Add(all);
        command.Validators.Add(result =>
        {
            bool some = (result.GetValue(ids) ?? []).Length > 0;
            if (some == result.GetValue(all))
            {
                result.AddError(some ? "redrive send takes dead-letter IDs or --all, not both" : "redrive send needs dead-letter IDs or --all");
            }
        });
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = new RedriveClient(AppOf(parsed.GetValue(url)), parsed.GetValue(key), TimeSpan.FromSeconds(parsed.GetValue(timeout)));
            int failed = 0;
            try
            {
                string[] chosen = parsed.GetValue(all)
                    ? [.. (await client.ListAsync(cancellationToken)).Where(r => r.State != DeadLetterState.Redriven).Select(r => r.Id)]
                    : parsed.GetValue(ids)!;
                if (chosen.Length == 0)
                {
                    Console.Error.WriteLine("fseq: no dead letters to redrive (every one kept was redriven before, or there are none)");
                }

                foreach (string id in chosen)
                {
                    RedriveAudit audit = await client.RedriveAsync(id, cancellationToken);
                    failed += audit.Outcome is RedriveOutcome.Started or RedriveOutcome.AlreadyStarted ? 0 : 1;
                    if (audit is { Outcome: RedriveOutcome.NotFound, EventId.Length: 0 })
                    {
                        // No such record: there is no event, source or hop for an audit line to show.
                        Console.Error.WriteLine($"fseq: there is no dead letter '{id}' (fseq redrive list shows them)");
                        continue;
                    }

                    Console.Out.WriteLine(audit);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
            {
                Console.Error.WriteLine($"fseq: cannot redrive{At(ex, parsed.GetValue(url))}: {ex.Message}{AppHint(ex)}");
                return 1;
            }

            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    private static Command Import()
    {
        var command = new Command("import", "Record the events of Event Grid's dead-letter blobs in the dead-letter table, each as a dead letter of its Trigger, to be listed and redriven; importing again changes nothing.");
        (CheckedOption<StorageTarget?> store, CheckedOption<string?> taskHub) = StoreOptions(command, "the storage with the dead-letter container and the task hub's dead-letter table");
        store.Required = true;
        CheckedOption<string?> container = new("--container", "a blob container name: 3 to 63 lower-case letters, digits and single hyphens", words =>
            words is [string word] && IsContainerName(word) ? (true, word) : (false, null))
        {
            Description = "the container Event Grid writes dead letters to",
            HelpName = "NAME",
            DefaultValueFactory = _ => EventGridDeadLetters.DefaultContainer,
        };
        command.Options.Add(container);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            StorageTarget target = parsed.GetValue(store)!;
            var import = new EventGridDeadLetterImport(
                target.Blobs().GetBlobContainerClient(parsed.GetValue(container)), new TableDeadLetterStore(target.Tables(), parsed.GetValue(taskHub)!));
            IReadOnlyList<EventGridImport> imports;
            try
            {
                await target.EnsureTaskHubAsync(parsed.GetValue(taskHub)!, cancellationToken);
                imports = await import.ImportAsync(cancellationToken);
            }
            catch (Azure.RequestFailedException ex) when (ex.ErrorCode == "ContainerNotFound")
            {
                // Event Grid does not create it: the app's infra does, beside its subscriptions; so its absence
                // means another storage or another name, not that nothing was dead-lettered yet.
                Console.Error.WriteLine($"fseq: cannot import dead letters: there is no container '{parsed.GetValue(container)}' in this storage (Event Grid writes to a container that exists; the app's infra creates '{EventGridDeadLetters.DefaultContainer}'): check --store and --container");
                return 1;
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or InspectionException)
            {
                // The storage's message goes on with its request id and headers: its first line says what was wrong.
                Console.Error.WriteLine($"fseq: cannot import dead letters from container '{parsed.GetValue(container)}': {ex.FirstLine()}");
                return 1;
            }

            foreach (EventGridImport blob in imports)
            {
                foreach (DeadLetterRecord record in blob.Records)
                {
                    Console.Out.WriteLine(DeadLetterLines.Format(record));
                }

                foreach (string problem in blob.Problems)
                {
                    Console.Error.WriteLine($"fseq: {blob.Blob}: {problem}");
                }
            }

            int found = imports.Sum(i => i.Records.Count), added = imports.Sum(i => i.New);
            int skipped = imports.Count(i => i.Skipped), unread = imports.Where(i => !i.Skipped).Sum(i => i.Problems.Count);
            string left = (skipped > 0 ? $", {skipped} blob(s) skipped" : string.Empty) + (unread > 0 ? $", {unread} item(s) not read" : string.Empty);
            Console.Out.WriteLine($"{found} dead letter(s) from {imports.Count - skipped} blob(s) recorded (each once): {added} new, {found - added} recorded before{left}");
            return skipped + unread > 0 ? 1 : 0;
        });
        return command;
    }

    private static (CheckedOption<StorageTarget?> Store, CheckedOption<string?> TaskHub) StoreOptions(Command command, string storeDescription)
    {
        CheckedOption<StorageTarget?> store = CommandOptions.Store(storeDescription);
        CheckedOption<string?> taskHub = CommandOptions.TaskHub("the task hub whose dead-letter table --store holds");
        command.Options.Add(store);
        command.Options.Add(taskHub);
        return (store, taskHub);
    }

    private static (CheckedOption<Uri?> Url, CheckedOption<string?> Key, CheckedOption<int> Timeout) AppOptions(Command command)
    {
        CheckedOption<Uri?> url = CommandOptions.AppUrl("the running fseq or Functions app");
        CheckedOption<string?> key = CommandOptions.FunctionKey();
        CheckedOption<int> timeout = CommandOptions.AnswerTimeout("the app's");
        command.Options.Add(url);
        command.Options.Add(key);
        command.Options.Add(timeout);
        return (url, key, timeout);
    }

    /// <summary>Azure Storage's rule for container names, so that a bad one is a usage error rather than the storage's 400.</summary>
    private static bool IsContainerName(string name) =>
        name.Length is >= 3 and <= 63 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && name[0] != '-' && name[^1] != '-' && !name.Contains("--", StringComparison.Ordinal);

    private static async Task<IReadOnlyList<DeadLetterRecord>> ListFromStoreAsync(StorageTarget target, string taskHub, CancellationToken cancellationToken)
    {
        await target.EnsureTaskHubAsync(taskHub, cancellationToken);
        return await new TableDeadLetterStore(target.Tables(), taskHub).ListAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<DeadLetterRecord>> ListFromAppAsync(Uri app, string? key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new RedriveClient(app, key, timeout);
        return await client.ListAsync(cancellationToken);
    }

    // Where the app was asked, when nothing answered there: other failures name the URL (an answer, a timeout) or the account.
    private static string At(Exception ex, Uri? url) => NoConnection(ex) ? $" at {AppOf(url)}" : string.Empty;

    // The app --url names, else fseq run's default address.
    private static Uri AppOf(Uri? url) => url ?? CommandOptions.LocalApp;

    // As fseq runs and fseq event say it when no app answers at --url.
    private static string AppHint(Exception ex) => NoConnection(ex) ? " (is fseq run going there?)" : string.Empty;

    private static bool NoConnection(Exception ex) => ex is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError };
}
