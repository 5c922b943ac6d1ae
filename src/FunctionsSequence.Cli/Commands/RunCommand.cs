using System.CommandLine;
using FunctionsSequence.Cli.Engine;
using FunctionsSequence.Cli.Inspection;
using FunctionsSequence.Cli.Runtime;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Ingress;

namespace FunctionsSequence.Cli.Commands;

/// <summary><c>fseq run</c>: serve the manifests' routes and fire their sources on the embedded engine.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var defaults = new RuntimeOptions { Paths = [] };
        // The routes as ingress maps them, so that help lists every kind (Parallel's too).
        string routes = string.Join(", ", Enum.GetValues<IngressTarget>().Select(target => "/api/" + IngressRoutes.For(target)));
        var command = new Command("run", $"Load the manifests, serve the CloudEvents routes on http://127.0.0.1:N (POST {routes}) and fire the sources on their schedules.");
        Argument<string[]> paths = CommandOptions.Paths(command);
        CheckedOption<int> port = CommandOptions.WholeNumber("--port", 0, 65535, defaults.Port, "the HTTP port on 127.0.0.1 (7071, as func start; with --once a free one unless given; 0 picks a free port)");
        var once = new Option<bool>("--once")
        {
            Description = "fire every source once now, wait until every event has settled, exit (0: all settled; 1: something failed; 2: timed out)",
        };
        CheckedOption<int> timeout = CommandOptions.WholeNumber("--timeout", 1, 86400, (int)defaults.SettleTimeout.TotalSeconds, "how long --once waits, in seconds");
        CheckedOption<int> concurrency = CommandOptions.WholeNumber("--concurrency", 1, 100_000, defaults.Engine.Concurrency, "work items the engine runs at once");
        CheckedOption<int> maxInFlight = CommandOptions.WholeNumber("--max-in-flight", 1, 10_000_000, defaults.MaxInFlight, "events in flight above which ingress answers 429 with Retry-After instead of accepting more (a batch of more events than this, 413)");
        CheckedOption<int> keepRuns = CommandOptions.WholeNumber("--keep-runs", 0, NewestRunStarts.MostKept, defaults.KeepRuns, $"in memory, how many of the most recently started runs are kept once finished (each at most an hour) for fseq runs, fseq event and the dashboard; failed runs are always kept; on storage finished runs are kept {LocalRuntimeHost.KeepOnStorage.TotalHours:0} hours and this does not apply");
        CheckedOption<int> batch = CommandOptions.WholeNumber("--batch", 1, 10_000, defaults.Batching.MaxEvents, "most events one run of a Sequence, Parallel or Trigger carries (1: one run per event); a lone event starts at once, alone (see --batch-wait); events that arrive while one is busy share its next run");
        CheckedOption<int> batchInFlight = CommandOptions.WholeNumber("--batch-in-flight", 1, 10_000, defaults.Batching.MaxInFlight, "runs of one Sequence, Parallel or Trigger in flight before new events wait to share the next one");
        CheckedOption<int> batchWait = CommandOptions.WholeNumber("--batch-wait", 0, (int)BatchingOptions.LongestWait.TotalMilliseconds, (int)defaults.Batching.MaxWait.TotalMilliseconds, "milliseconds an event from outside may wait for others to share its run even when a slot is free: a run starts once its oldest event has waited that long or the last run started that long ago, or when full, so a lone event after a quiet spell starts at once (0: no gathering wait); fewer runs cost fewer storage transactions, and under load the sender waits up to that long for its answer");
        CheckedOption<string> store = CommandOptions.EngineStore();
        CheckedOption<string?> taskHub = CommandOptions.TaskHub("the Durable task hub in that storage");
        CheckedOption<CheckpointMode> checkpoint = CommandOptions.Checkpoint();
        CheckedOption<Uri?> otlp = CommandOptions.Url("--otlp", "ENDPOINT", "export traces (one per event, a span per hop) and metrics over OTLP/HTTP to ENDPOINT, e.g. http://localhost:4318 (a collector, Jaeger, the Aspire dashboard)");
        foreach (Option option in new Option[] { port, once, timeout, concurrency, maxInFlight, keepRuns, batch, batchInFlight, batchWait, store, taskHub, checkpoint, otlp })
        {
            command.Options.Add(option);
        }

        CommandOptions.TaskHubNeedsStore(command, taskHub, store, "azurite or a connection string; the in-memory store has none");

        command.SetAction((parsed, _) =>
        {
            var options = new RuntimeOptions
            {
                Paths = parsed.GetRequiredValue(paths),
                // A run with --once takes no requests from outside: it need not contend for func start's port.
                Port = parsed.GetValue(once) && parsed.GetResult(port) is null or { Implicit: true } ? 0 : parsed.GetValue(port),
                Once = parsed.GetValue(once),
                SettleTimeout = TimeSpan.FromSeconds(parsed.GetValue(timeout)),
                Engine = new EngineOptions
                {
                    Concurrency = parsed.GetValue(concurrency),
                    StorageConnectionString = parsed.GetValue(store) is { } connection and not CommandOptions.InMemory ? connection : null,
                    TaskHub = parsed.GetValue(taskHub) ?? defaults.Engine.TaskHub,
                },
                MaxInFlight = parsed.GetValue(maxInFlight),
                KeepRuns = parsed.GetValue(keepRuns),
                Checkpoint = parsed.GetValue(checkpoint),
                Otlp = parsed.GetValue(otlp),
                Batching = defaults.Batching with
                {
                    MaxEvents = parsed.GetValue(batch),
                    MaxInFlight = parsed.GetValue(batchInFlight),
                    MaxWait = TimeSpan.FromMilliseconds(parsed.GetValue(batchWait)),
                },
            };
            if (options.Engine.StorageConnectionString is not null && parsed.GetResult(keepRuns) is { Implicit: false })
            {
                Console.Error.WriteLine($"fseq: --keep-runs applies in memory only; on storage finished runs are kept {LocalRuntimeHost.KeepOnStorage.TotalHours:0} hours");
            }

            return RunAsync(options, errors => CommandLine.ReportUsageErrors(parsed, errors));
        });
        return command;
    }

    /// <param name="options">What the command line asked for.</param>
    /// <param name="usageError">Reports a mistake on the command line that only the manifests show, and gives the exit code.</param>
    private static async Task<int> RunAsync(RuntimeOptions options, Func<IEnumerable<string>, int> usageError)
    {
        if (ManifestInput.Load(options.Paths, options.Checkpoint, "nothing was started") is not { } manifests)
        {
            return 1;
        }

        if (options.Once && manifests.Sources.Count == 0)
        {
            // Said before anything starts: no storage is touched and no port is taken for nothing.
            return usageError(["--once fires sources, and the manifests have none (add a PingSource or CronJobSource)."]);
        }

        // Ctrl+C stops the runtime gracefully, however long its engine takes to drain.
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            if (options.Engine.StorageConnectionString is { } connection)
            {
                // One line now, rather than the engine's minute of retries and its stack traces.
                await new StorageTarget(connection, null).EnsureReachableAsync("or use --store memory", cancel.Token);
            }

            return await LocalRuntime.RunAsync(options, manifests, cancel.Token);
        }
        catch (InspectionException ex)
        {
            Console.Error.WriteLine($"fseq: {ex.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return 0;
        }
        catch (IOException ex) when (ListenFailure.Is(ex))
        {
            Console.Error.WriteLine($"fseq: cannot listen on 127.0.0.1:{options.Port}: {ex.Message} (try --port with another number, or 0)");
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
