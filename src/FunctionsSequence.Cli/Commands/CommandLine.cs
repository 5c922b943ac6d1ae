using System.Globalization;
using FunctionsSequence.Cli.Engine;
using FunctionsSequence.Cli.Runtime;

namespace FunctionsSequence.Cli.Commands;

/// <summary>Parses <c>fseq</c>'s arguments; a mistake gets the usage and exit code 64.</summary>
internal static class CommandLine
{
    public const int UsageError = 64;

    public const string Usage = """
        fseq: run Knative Sequence, Broker/Trigger and PingSource manifests on the embedded Durable Task engine

        Usage:
          fseq run PATH... [--port N] [--once] [--timeout SECONDS] [--concurrency N] [--max-in-flight N]
                           [--store memory|azurite|CONNECTION-STRING] [--task-hub NAME] [--checkpoint step|sequence]
                           [--batch N] [--batch-in-flight N]
              Load the manifests (files or folders of .yaml), serve the CloudEvents routes on
              http://127.0.0.1:N (default 7071, as func start; 0 picks a free port), and fire the
              sources on their schedules.
              --once          fire every source once now, wait until every event has settled, exit
                              (0: all settled; 1: something failed; 2: timed out)
              --timeout S     how long --once waits (default 60)
              --concurrency N work items the engine runs at once (default 500)
              --max-in-flight N  events in flight above which ingress answers 429 with
                              Retry-After instead of accepting more (default 2000)
              --batch N       most events one Sequence run or Trigger delivery run carries
                              (default 100; 1: one run per event). A lone event always starts
                              at once, alone; events that arrive while a Sequence or Trigger is
                              busy share the next run
              --batch-in-flight N  runs of one Sequence or Trigger in flight before new events
                              wait to share the next one (default 4)
              --store S       where the engine keeps its state: memory (default), azurite (the
                              storage emulator on 127.0.0.1:10000-10002), or an Azure Storage
                              connection string; with storage, work survives a crash and restart
              --task-hub NAME the Durable task hub in that storage (default fseqlocal)
              --checkpoint M  for Sequences without the functionssequence.dev/checkpoint annotation:
                              step (default: one activity per step, progress saved after each) or
                              sequence (one activity for all steps: several times the throughput)
          fseq validate PATH...
              Check the manifests; print every error and warning with file, line and field;
              exit 1 if there is an error.
          fseq export-infra PATH... [--output FILE]
              Write the Brokers and Triggers as the Event Grid topics and subscriptions that
              infra/main.bicep deploys (JSON; to stdout, or FILE such as infra/brokers.json).

        Routes: POST /api/sequences/{name}, /api/brokers/{name}, /api/services/{name}
        """;

    public static (string Command, RuntimeOptions Options)? Parse(string[] args, out string? error)
    {
        error = null;
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            return null;
        }

        string command = args[0];
        if (command is not ("run" or "validate" or "export-infra"))
        {
            error = $"unknown command '{command}' (expected run, validate or export-infra)";
            return null;
        }

        var paths = new List<string>();
        int port = 7071;
        bool once = false;
        int timeout = 60;
        int concurrency = new EngineOptions().Concurrency;
        string? output = null;
        int maxInFlight = new RuntimeOptions { Paths = [] }.MaxInFlight;
        string? store = null;
        var checkpoint = FunctionsSequence.Core.Api.CheckpointMode.Step;
        string taskHub = new EngineOptions().TaskHub;
        var batching = new FunctionsSequence.Core.Admission.BatchingOptions();
        int batch = batching.MaxEvents;
        int batchInFlight = batching.MaxInFlight;
        for (int i = 1; i < args.Length; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "--once" when command == "run":
                    once = true;
                    break;
                case "--port" when command == "run":
                    if (!TryInt(args, ref i, 0, 65535, out port, out error))
                    {
                        return null;
                    }

                    break;
                case "--timeout" when command == "run":
                    if (!TryInt(args, ref i, 1, 86400, out timeout, out error))
                    {
                        return null;
                    }

                    break;
                case "--output" when command == "export-infra":
                    if (i + 1 >= args.Length)
                    {
                        error = "--output needs a file name";
                        return null;
                    }

                    output = args[++i];
                    break;
                case "--store" when command == "run":
                case "--task-hub" when command == "run":
                    if (i + 1 >= args.Length)
                    {
                        error = $"{arg} needs a value";
                        return null;
                    }

                    if (arg == "--store")
                    {
                        store = args[++i] switch
                        {
                            "memory" => null,
                            "azurite" => EngineOptions.Azurite,
                            var connection => connection,
                        };
                    }
                    else
                    {
                        taskHub = args[++i];
                    }

                    break;
                case "--checkpoint" when command is "run" or "validate":
                    if (i + 1 >= args.Length || !Enum.TryParse(args[i + 1], ignoreCase: true, out checkpoint) || !Enum.IsDefined(checkpoint))
                    {
                        error = "--checkpoint takes step or sequence";
                        return null;
                    }

                    i++;
                    break;
                case "--max-in-flight" when command == "run":
                    if (!TryInt(args, ref i, 1, 10_000_000, out maxInFlight, out error))
                    {
                        return null;
                    }

                    break;
                case "--batch" when command == "run":
                    if (!TryInt(args, ref i, 1, 10_000, out batch, out error))
                    {
                        return null;
                    }

                    break;
                case "--batch-in-flight" when command == "run":
                    if (!TryInt(args, ref i, 1, 10_000, out batchInFlight, out error))
                    {
                        return null;
                    }

                    break;
                case "--concurrency" when command == "run":
                    if (!TryInt(args, ref i, 1, 100_000, out concurrency, out error))
                    {
                        return null;
                    }

                    break;
                default:
                    if (arg.StartsWith("--", StringComparison.Ordinal))
                    {
                        error = $"unknown option '{arg}' for {command}";
                        return null;
                    }

                    paths.Add(arg);
                    break;
            }
        }

        if (paths.Count == 0)
        {
            error = $"{command} needs at least one manifest file or folder";
            return null;
        }

        return (command, new RuntimeOptions
        {
            Paths = paths,
            Port = port,
            Once = once,
            SettleTimeout = TimeSpan.FromSeconds(timeout),
            Engine = new EngineOptions { Concurrency = concurrency, StorageConnectionString = store, TaskHub = taskHub },
            Output = output,
            MaxInFlight = maxInFlight,
            Checkpoint = checkpoint,
            Batching = batching with { MaxEvents = batch, MaxInFlight = batchInFlight },
        });
    }

    private static bool TryInt(string[] args, ref int i, int min, int max, out int value, out string? error)
    {
        string option = args[i];
        if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out value) || value < min || value > max)
        {
            value = 0;
            error = $"{option} needs a whole number from {min} to {max}";
            return false;
        }

        i++;
        error = null;
        return true;
    }
}
