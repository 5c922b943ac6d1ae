using FunctionsSequence.Cli.Engine;
using FunctionsSequence.Core.Inspection;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;

namespace FunctionsSequence.Cli.Inspection;

/// <summary>
/// Runs read straight from a task hub in Azure Storage (Azurite, a connection string, or an account
/// through Entra ID): the same Core queries the hosts answer with, over a client of that hub that
/// never dispatches work, so it can look at a hub that fseq or a Functions app is running.
/// </summary>
internal sealed class StoreRunSource : IRunSource
{
    private readonly EmbeddedEngine engine;
    private readonly DurableTaskClient client;
    private readonly ILoggerFactory logs;
    private readonly RunInspector inspector;

    private readonly StorageTarget store;
    private readonly string taskHub;

    private StoreRunSource(EmbeddedEngine engine, DurableTaskClient client, ILoggerFactory logs, StorageTarget store, string taskHub)
    {
        this.store = store;
        this.taskHub = taskHub;
        this.engine = engine;
        this.client = client;
        this.logs = logs;
        inspector = new RunInspector(client);
    }

    /// <summary>Opens the task hub; the source owns <paramref name="logs"/> from then on.</summary>
    public static async Task<StoreRunSource> OpenAsync(StorageTarget store, string taskHub, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        try
        {
            await store.EnsureTaskHubAsync(taskHub, cancellationToken);
        }
        catch
        {
            logs.Dispose();
            throw;
        }

        EmbeddedEngine engine = await EmbeddedEngine.OpenAzureStorageAsync(store, taskHub, logs, cancellationToken);
        var options = new GrpcDurableTaskClientOptions { Channel = engine.Channel };
        EngineSettings.Apply(options);
        var client = new GrpcDurableTaskClient("fseq-inspect", options, logs.CreateLogger<GrpcDurableTaskClient>());
        return new StoreRunSource(engine, client, logs, store, taskHub);
    }

    public Task<IReadOnlyList<RunSummary>> ListAsync(RunFilter filter, CancellationToken cancellationToken) =>
        ReadAsync(() => inspector.ListAsync(filter, cancellationToken));

    public Task<EventReport> FindEventAsync(string eventId, CancellationToken cancellationToken) =>
        ReadAsync(() => inspector.FindEventAsync(eventId, cancellationToken));

    public async ValueTask DisposeAsync()
    {
        await client.DisposeAsync();
        await engine.DisposeAsync();
        logs.Dispose();
    }

    private async Task<T> ReadAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Grpc.Core.RpcException ex)
        {
            // The backend's own error stays in the engine's log; the sidecar answers with no detail.
            throw new InspectionException($"cannot read task hub {taskHub} in {store}: the storage did not answer (is it running or reachable, and may you read it?)", ex);
        }
    }
}
