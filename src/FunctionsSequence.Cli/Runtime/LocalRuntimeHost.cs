using System.Net;
using Azure.Data.Tables;
using FunctionsSequence.Cli.Engine;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Hosting;
using FunctionsSequence.Steps;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;

namespace FunctionsSequence.Cli.Runtime;

/// <summary>
/// The running local runtime: the embedded engine, the worker and client, the HTTP routes. fseq
/// runs one; the benchmarks start one in their own process to time it.
/// </summary>
internal sealed class LocalRuntimeHost : IAsyncDisposable
{
    // In memory the engine holds every finished run in the process until purged, so it keeps the
    // newest ones (RuntimeOptions.KeepRuns) that inspection and the dashboard read, an hour at most (the admission ledger,
    // not the run, recognises a repeated event); on storage runs are kept past the ledger's
    // retention, as in Azure.
    private static readonly TimeSpan PurgeInMemoryAfter = TimeSpan.FromHours(1);

    /// <summary>How long completed runs stay in a task hub on storage: the dedup window and an hour, as in the Functions app.</summary>
    public static readonly TimeSpan KeepOnStorage = RunAdmission.DefaultRetention + TimeSpan.FromHours(1);

    private readonly ILoggerFactory engineLogs;
    private readonly EmbeddedEngine engine;

    private LocalRuntimeHost(ILoggerFactory engineLogs, EmbeddedEngine engine, WebApplication app, Uri address)
    {
        this.engineLogs = engineLogs;
        this.engine = engine;
        App = app;
        Address = address;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>Starts it all; <paramref name="configure"/> may replace services (e.g. the display sink).</summary>
    public static async Task<LocalRuntimeHost> StartAsync(
        RuntimeOptions options, ManifestSet manifests, Action<IServiceCollection>? configure, LogLevel logLevel, CancellationToken cancellationToken)
    {
        var stopping = new RuntimeStopping();
        ILoggerFactory engineLogs = LoggerFactory.Create(logging => LocalRuntime.ConfigureLogging(logging, LogLevel.Warning, stopping));
        EmbeddedEngine engine = options.Engine.StorageConnectionString is null
            ? await EmbeddedEngine.StartInMemoryAsync(options.Engine, engineLogs, cancellationToken)
            : await EmbeddedEngine.StartAzureStorageAsync(options.Engine, engineLogs, cancellationToken);

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        LocalRuntime.ConfigureLogging(builder.Logging, logLevel, stopping);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        // Every run ends in this process (or its crash): a run counts in flight until its end is seen.
        // Ledgers on storage sit beside the task hub, as the Functions app keeps them: a restart finds
        // what was displayed and admitted.
        bool inMemory = options.Engine.StorageConnectionString is null;
        InFlightRuns inFlight = builder.Services.AddGuarantees(new GuaranteeOptions
        {
            Tables = inMemory ? null : new TableServiceClient(options.Engine.StorageConnectionString),
            TaskHub = options.Engine.TaskHub,
            KeepRuns = inMemory ? PurgeInMemoryAfter : KeepOnStorage,
            KeepAtMostRuns = inMemory ? options.KeepRuns : null,
            MaxInFlight = options.MaxInFlight,
            Batching = options.Batching,
        });
        builder.Services.AddHostedService(services => new CompletedInstancePurger(
            services.GetRequiredService<InstancePurger>(),
            services.GetRequiredService<DurableTaskClient>(),
            inMemory ? CompletedInstancePurger.InMemory : CompletedInstancePurger.OnStorage));
        if (!options.Once)
        {
            builder.Services.AddHostedService<SourceScheduler>();
        }

        builder.Services.AddSingleton(TimeProvider.System);
        if (options.Otlp is { } otlp)
        {
            OtlpExport.Add(builder.Services, otlp);
        }

        builder.Services.AddAppSteps();
        configure?.Invoke(builder.Services);
        builder.Services.AddFunctionsSequence(manifests);
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(grpc => EngineSettings.Apply(grpc, engine.Channel));
            worker.AddTasks(registry => registry.AddFunctionsSequenceTasks(manifests, inFlight));
            worker.Configure(o => EngineSettings.Apply(o, options.Engine));
        });
        builder.Services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(engine.Channel);
            client.Configure(EngineSettings.Apply);
            client.RegisterDirectly();
        });

        WebApplication app = builder.Build();
        app.Lifetime.ApplicationStopping.Register(stopping.Begin);
        LocalRuntime.MapIngress(app);
        LocalRuntime.MapInspection(app);
        LocalRuntime.MapDashboard(app);
        LocalRuntime.MapUnknownRoutes(app);
        await app.StartAsync(cancellationToken);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LocalRuntimeHost(engineLogs, engine, app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        await engine.DisposeAsync();
        engineLogs.Dispose();
    }
}
