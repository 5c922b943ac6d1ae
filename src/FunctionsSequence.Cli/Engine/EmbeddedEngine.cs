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

    private EmbeddedEngine(WebApplication sidecar, GrpcChannel channel)
    {
        this.sidecar = sidecar;
        Channel = channel;
    }

    /// <summary>The channel workers and clients use.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>Starts the in-memory engine.</summary>
    public static Task<EmbeddedEngine> StartInMemoryAsync(EngineOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var store = new InMemoryOrchestrationService(loggerFactory);
        return StartAsync(new RaisedConcurrencyOrchestrationService(store, options.Concurrency, options.Concurrency), store, loggerFactory, cancellationToken);
    }

    /// <summary>Starts the sidecar over any orchestration service (in-memory, Azure Storage, ...).</summary>
    public static async Task<EmbeddedEngine> StartAsync(IOrchestrationService service, IOrchestrationServiceClient client, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(service);
        builder.Services.AddSingleton(client);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        WebApplication app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        await app.StartAsync(cancellationToken);

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { LoggerFactory = loggerFactory });
        return new EmbeddedEngine(app, channel);
    }

    public async ValueTask DisposeAsync()
    {
        await sidecar.StopAsync();
        await sidecar.DisposeAsync();
        Channel.Dispose();
    }
}
