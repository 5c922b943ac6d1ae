using System.Net;
using FunctionsSequence.Cli.Engine;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Durable;
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
    // The engine keeps every finished run until purged; a replaying activity must still find the
    // run it started, so purging waits a little.
    private static readonly TimeSpan PurgeAfter = TimeSpan.FromSeconds(10);

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
        ILoggerFactory engineLogs = LoggerFactory.Create(logging => LocalRuntime.ConfigureLogging(logging, LogLevel.Warning));
        EmbeddedEngine engine = options.Engine.StorageConnectionString is null
            ? await EmbeddedEngine.StartInMemoryAsync(options.Engine, engineLogs, cancellationToken)
            : await EmbeddedEngine.StartAzureStorageAsync(options.Engine, engineLogs, cancellationToken);

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        LocalRuntime.ConfigureLogging(builder.Logging, logLevel);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        // Every run ends in this process (or its crash): a run counts in flight until its end is seen.
        var inFlight = new InFlightRuns(options.Batching);
        builder.Services.AddSingleton(options.Batching);
        builder.Services.AddSingleton(inFlight);
        builder.Services.AddSingleton<IIngressThrottle>(services => new InFlightThrottle(inFlight, services.GetRequiredService<RunBatcher>(), options.MaxInFlight));
        builder.Services.AddSingleton(services => new InstancePurger(PurgeAfter, TimeProvider.System, services.GetRequiredService<ILogger<InstancePurger>>()));
        builder.Services.AddHostedService<CompletedInstancePurger>();
        if (!options.Once)
        {
            builder.Services.AddHostedService<SourceScheduler>();
        }

        builder.Services.AddSingleton(TimeProvider.System);
        if (options.Engine.StorageConnectionString is { } storage)
        {
            builder.Services.AddSingleton<IDisplayLedger>(await TableDisplayLedger.CreateAsync(storage, options.Engine.TaskHub, cancellationToken));
        }

        builder.Services.AddAppSteps();
        configure?.Invoke(builder.Services);
        builder.Services.AddFunctionsSequence(manifests);
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(engine.Channel);
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
        LocalRuntime.MapIngress(app);
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
