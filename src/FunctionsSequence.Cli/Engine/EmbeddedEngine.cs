using System.Net;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace FunctionsSequence.Cli.Engine;

/// <summary>
/// The real Durable Task engine, embedded: an orchestration service behind the gRPC sidecar
/// (<see cref="TaskHubGrpcServer"/>) on a loopback port, which the worker and client connect to as
/// they would to the Durable Task Scheduler or the Functions host.
/// </summary>
internal sealed class EmbeddedEngine : IAsyncDisposable
{
    private readonly WebApplication sidecar;
    private readonly IOrchestrationService? service;

    /// <param name="sidecar">The gRPC sidecar.</param>
    /// <param name="service">The service to stop at the end, or null when no worker ever runs on it (it is never started).</param>
    /// <param name="channel">The channel to the sidecar.</param>
    private EmbeddedEngine(WebApplication sidecar, IOrchestrationService? service, GrpcChannel channel)
    {
        this.sidecar = sidecar;
        this.service = service;
        Channel = channel;
    }

    /// <summary>The channel workers and clients use.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>Starts the in-memory engine.</summary>
    public static Task<EmbeddedEngine> StartInMemoryAsync(EngineOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var store = new InMemoryOrchestrationService(loggerFactory);
        return StartAsync(new SidecarOrchestrationService(store, options.Concurrency, options.Concurrency), store, loggerFactory, cancellationToken);
    }

    /// <summary>
    /// Starts the engine on the Durable Task Azure Storage backend (Durable Functions' default), e.g.
    /// on Azurite. Visibility timeouts and leases are short so that after a crash the next process
    /// picks up the dead one's work in seconds, not the default minutes.
    /// </summary>
    public static async Task<EmbeddedEngine> StartAzureStorageAsync(EngineOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var settings = new DurableTask.AzureStorage.AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.TaskHub,
            StorageAccountClientProvider = new DurableTask.AzureStorage.StorageAccountClientProvider(options.StorageConnectionString!),
            MaxConcurrentTaskOrchestrationWorkItems = Math.Min(options.Concurrency, 100),
            MaxConcurrentTaskActivityWorkItems = Math.Min(options.Concurrency, 100),
            PartitionCount = 4,
            ExtendedSessionsEnabled = true,
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(10),
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(10),
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
            UseTablePartitionManagement = true,
            LeaseInterval = TimeSpan.FromSeconds(8),
            LeaseRenewInterval = TimeSpan.FromSeconds(2),
            LeaseAcquireInterval = TimeSpan.FromSeconds(2),
            LoggerFactory = loggerFactory,
        };
        var service = new DurableTask.AzureStorage.AzureStorageOrchestrationService(settings);
        await service.CreateIfNotExistsAsync();
        return await StartAsync(
            new SidecarOrchestrationService(
                service,
                settings.MaxConcurrentTaskOrchestrationWorkItems,
                settings.MaxConcurrentTaskActivityWorkItems,
                renewActivityLocksEvery: settings.WorkItemQueueVisibilityTimeout / 2,
                loggerFactory.CreateLogger<SidecarOrchestrationService>()),
            service,
            loggerFactory,
            cancellationToken);
    }

    /// <summary>
    /// A client of the task hub <paramref name="taskHub"/> in <paramref name="store"/> that never
    /// dispatches work (the sidecar dispatches only once a worker connects, and none does): for
    /// reading a hub that another process runs. The hub is not created.
    /// </summary>
    public static Task<EmbeddedEngine> OpenAzureStorageAsync(Inspection.StorageTarget store, string taskHub, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var settings = new DurableTask.AzureStorage.AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = taskHub,
            StorageAccountClientProvider = store.ClientProvider(),
            LoggerFactory = loggerFactory,
        };
        var service = new DurableTask.AzureStorage.AzureStorageOrchestrationService(settings);
        return StartAsync(SidecarOrchestrationService.NeverStarted(service), service, loggerFactory, cancellationToken, stopService: false);
    }

    /// <summary>Starts the sidecar over any orchestration service (in-memory, Azure Storage, ...).</summary>
    private static async Task<EmbeddedEngine> StartAsync(
        IOrchestrationService service, IOrchestrationServiceClient client, ILoggerFactory loggerFactory, CancellationToken cancellationToken, bool stopService = true)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Limits.MaxRequestBodySize = null; // gRPC lifts Kestrel's 30 MB bound for streaming calls only: an activity's result is unary
        });
        // No bound on a message (gRPC's default is 4 MB): a run's events, a step's answer and a page of runs with their
        // inputs travel whole between the worker and the engine, as the Functions host's own channel to its worker lets them.
        builder.Services.AddGrpc(grpc => (grpc.MaxReceiveMessageSize, grpc.MaxSendMessageSize) = (null, null));
        builder.Services.AddSingleton(service);
        builder.Services.AddSingleton(client);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        WebApplication app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        await app.StartAsync(cancellationToken);

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { LoggerFactory = loggerFactory, MaxReceiveMessageSize = null, MaxSendMessageSize = null });
        return new EmbeddedEngine(app, stopService ? service : null, channel);
    }

    public async ValueTask DisposeAsync()
    {
        await sidecar.StopAsync();
        await sidecar.DisposeAsync();
        // The sidecar stops dispatching but leaves the service's own loops running (the storage
        // backend polls its queues and leases until stopped); the sidecar's own later stop of it
        // then finds it stopped (see SidecarOrchestrationService).
        if (service is not null)
        {
            await service.StopAsync(isForced: true);
        }

        Channel.Dispose();
    }
}
