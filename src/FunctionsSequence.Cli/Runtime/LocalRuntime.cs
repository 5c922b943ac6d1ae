using FunctionsSequence.Cli.Inspection;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Dashboard;
using FunctionsSequence.Core.DeadLetters;
using FunctionsSequence.Core.Ingress;
using FunctionsSequence.Core.Inspection;
using FunctionsSequence.Core.Sources;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Console;

namespace FunctionsSequence.Cli.Runtime;

/// <summary>
/// <c>fseq run</c>: the embedded engine, the same Core orchestrations, routes and sources as the
/// Functions app, on 127.0.0.1.
/// </summary>
internal static partial class LocalRuntime
{
    public static async Task<int> RunAsync(RuntimeOptions options, ManifestSet manifests, CancellationToken cancellationToken)
    {
        await using LocalRuntimeHost host = await LocalRuntimeHost.StartAsync(options, manifests, configure: null, LogLevel.Information, cancellationToken);
        WebApplication app = host.App;
        Console.Out.WriteLine($"Listening on {host.Address}");
        Console.Out.Flush();
        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("fseq");
        LogLoaded(logger, manifests.Summary);
        // As a Knative resource's status.address: where each one takes CloudEvents.
        foreach (string sequence in manifests.Sequences.Keys)
        {
            LogAddress(logger, "Sequence", sequence, host.Address, "sequences");
        }

        foreach (string parallel in manifests.Parallels.Keys)
        {
            LogAddress(logger, "Parallel", parallel, host.Address, "parallels");
        }

        foreach (string broker in manifests.Brokers.Keys)
        {
            LogAddress(logger, "Broker", broker, host.Address, "brokers");
        }

        LogDashboard(logger, host.Address);
        if (options.Engine.StorageConnectionString is { } storage)
        {
            var store = new StorageTarget(storage, null);
            LogStateInStorage(logger, store, options.Engine.TaskHub);
        }
        else
        {
            LogStateInMemory(logger);
        }

        try
        {
            if (!options.Once)
            {
                await app.WaitForShutdownAsync(cancellationToken);
                return 0;
            }

            return await RunOnceAsync(app, manifests, options, logger, cancellationToken);
        }
        finally
        {
            // However fseq stops (Ctrl+C, SIGTERM, --once timing out), runs it has not seen end are
            // gone with the process when the engine is in memory: say so rather than lose them silently.
            InFlightRuns inFlight = app.Services.GetRequiredService<InFlightRuns>();
            if (options.Engine.StorageConnectionString is null && inFlight.Runs > 0)
            {
                LogLosingRuns(logger, inFlight.Runs, inFlight.Events);
            }
        }
    }

    private static async Task<int> RunOnceAsync(WebApplication app, ManifestSet manifests, RuntimeOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        InFlightRuns tracker = app.Services.GetRequiredService<InFlightRuns>();
        SourceFirer firer = app.Services.GetRequiredService<SourceFirer>();
        DurableTaskClient client = app.Services.GetRequiredService<DurableTaskClient>();
        DateTimeOffset now = TimeProvider.System.GetUtcNow();
        foreach (PingSourceResource source in manifests.Sources)
        {
            await firer.FireAsync(client, source, now, cancellationToken);
        }

        bool settled = await tracker.WaitForSettledAsync(options.SettleTimeout, cancellationToken);
        if (!settled)
        {
            Console.Error.WriteLine($"fseq: {tracker.Runs} orchestration(s) did not settle within {options.SettleTimeout.TotalSeconds:0} s.");
            return 2;
        }

        if (tracker.FailureCount > 0)
        {
            long count = tracker.FailureCount;
            Console.Error.WriteLine(count > tracker.Failures.Count ? $"fseq: {count} failures, the last {tracker.Failures.Count}:" : $"fseq: {count} failure(s):");
            foreach (string failure in tracker.Failures)
            {
                Console.Error.WriteLine("  " + failure);
            }

            return 1;
        }

        LogSettled(logger);

        // Dead-lettered is handled, as in Knative (exit 0), but a run used as a check should see that it happened.
        IDeadLetterStore deadLetters = app.Services.GetRequiredService<IDeadLetterStore>();
        if ((await deadLetters.ListAsync(cancellationToken)).Count(r => r.DeadLetteredAt >= now) is > 0 and int lettered)
        {
            LogDeadLettered(logger, lettered);
        }

        return 0;
    }

    /// <summary>The same routes the Functions app serves, every method mapped so that Core answers 405.</summary>
    internal static void MapIngress(WebApplication app)
    {
        foreach (IngressTarget target in Enum.GetValues<IngressTarget>())
        {
            app.Map("/api/" + IngressRoutes.For(target), (HttpContext context, string name, CloudEventIngress ingress, DurableTaskClient client) =>
                ingress.HandleAsync(context.Request, target, name, client, context.RequestAborted));
        }

        app.Map("/api/" + IngressRoutes.Display, (HttpContext context, DisplayIngress display) =>
            display.HandleAsync(context.Request, context.RequestAborted));
        app.Map("/api/" + IngressRoutes.DeadLetters, (HttpContext context, DeadLetterEndpoints deadLetters) =>
            deadLetters.ListAsync(context.Request, context.RequestAborted));
        app.Map("/api/" + IngressRoutes.DeadLetterRedrive, (HttpContext context, string id, DeadLetterEndpoints deadLetters, DurableTaskClient client) =>
            deadLetters.RedriveAsync(context.Request, id, client, context.RequestAborted));
    }

    /// <summary>The read-only inspection routes the Functions app serves too, every method mapped so that Core answers 405.</summary>
    internal static void MapInspection(WebApplication app)
    {
        app.Map("/api/" + InspectionRoutes.Runs, (HttpContext context, DurableTaskClient client) =>
            ReadOnlyRoute.AnswerAsync(context.Request, () => InspectionApi.ListRunsAsync(context.Request, client, context.RequestAborted)));
        app.Map("/api/" + InspectionRoutes.Run, (HttpContext context, string id, DurableTaskClient client) =>
            ReadOnlyRoute.AnswerAsync(context.Request, () => InspectionApi.GetRunAsync(id, client, context.RequestAborted)));
        app.Map("/api/" + InspectionRoutes.Event, (HttpContext context, string id, DurableTaskClient client) =>
            ReadOnlyRoute.AnswerAsync(context.Request, () => InspectionApi.GetEventAsync(id, client, context.RequestAborted)));
    }

    /// <summary>The dashboard at <c>/</c> and its JSON under <c>/dashboard/</c>, as the Functions app serves them under <c>/api/dashboard</c>.</summary>
    internal static void MapDashboard(WebApplication app)
    {
        app.Map("/", (HttpContext context, Dashboard dashboard, DurableTaskClient client) =>
            ReadOnlyRoute.AnswerAsync(context.Request, () => dashboard.HandleAsync(null, client, context.RequestAborted)));
        app.Map("/" + Dashboard.Route, (HttpContext context, string? path, Dashboard dashboard, DurableTaskClient client) =>
            ReadOnlyRoute.AnswerAsync(context.Request, () => dashboard.HandleAsync(path, client, context.RequestAborted)));
    }

    /// <summary>The title of the 404 problem for a route fseq does not serve.</summary>
    internal const string UnknownRoute = "Unknown route";

    /// <summary>
    /// Any other route: a 404 whose body lists the routes fseq serves, where Kestrel would answer an empty one (a path
    /// mistyped, <c>/api/sequence/x</c>, or the Functions app's <c>/runtime/webhooks/...</c>).
    /// </summary>
    internal static void MapUnknownRoutes(WebApplication app) =>
        app.MapFallback((HttpContext context) => new IngressProblem(
            StatusCodes.Status404NotFound,
            UnknownRoute,
            $"fseq serves no {context.Request.Method} {context.Request.Path}: events go to POST /api/{IngressRoutes.Sequences}, /api/{IngressRoutes.Parallels}, "
            + $"/api/{IngressRoutes.Brokers}, /api/{IngressRoutes.Services} or /api/{IngressRoutes.Display}; GET /api/{InspectionRoutes.Runs} lists runs, GET / is the dashboard.").ToResult());

    /// <summary>fseq's console logs at <paramref name="ours"/> for our categories, warnings for others; none at all for <see cref="LogLevel.None"/>.</summary>
    internal static void ConfigureLogging(ILoggingBuilder logging, LogLevel ours, RuntimeStopping stopping)
    {
        logging.ClearProviders();
        if (ours == LogLevel.None)
        {
            return;
        }

        // Logs go to stderr; stdout carries "Listening on ..." and event-display's output.
        logging.Services.AddSingleton(stopping);
        logging.AddConsole(o => o.FormatterName = FseqConsoleFormatter.Name);
        logging.AddConsoleFormatter<FseqConsoleFormatter, ConsoleFormatterOptions>();
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(LogLevel.Warning);
        logging.AddFilter("FunctionsSequence", ours);
        logging.AddFilter("fseq", ours);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Loaded {Summary}")]
    private static partial void LogLoaded(ILogger logger, string summary);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "{Kind} {Name} ready at {Address}api/{Route}/{Name}")]
    private static partial void LogAddress(ILogger logger, string kind, string name, Uri address, string route);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Dashboard at {Address}")]
    private static partial void LogDashboard(ILogger logger, Uri address);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "State in memory: runs in flight when fseq stops are lost (--store azurite keeps them)")]
    private static partial void LogStateInMemory(ILogger logger);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "State in {Store}, task hub {TaskHub}: runs in flight when fseq stops go on when it starts again")]
    private static partial void LogStateInStorage(ILogger logger, StorageTarget store, string taskHub);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Stopping with {Runs} run(s) in flight ({Events} event(s)): the in-memory store loses them; use --store azurite to keep them across restarts")]
    private static partial void LogLosingRuns(ILogger logger, int runs, int events);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Every event settled")]
    private static partial void LogSettled(ILogger logger);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = "{Count} event(s) went to a dead-letter sink on the way")]
    private static partial void LogDeadLettered(ILogger logger, int count);
}
