using FunctionsSequence.Core.Durable;
using Grpc.Net.Client;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.DurableTask.Worker.Grpc.Internal;

namespace FunctionsSequence.Cli.Engine;

/// <summary>
/// What the local runtime sets on its Durable Task worker and client, in one place: the
/// benchmark's bare engine is given the same, so that the only difference it measures is our code.
/// </summary>
internal static class EngineSettings
{
    /// <summary>Work items at once as <paramref name="engine"/> says, and our payload encoding.</summary>
    public static void Apply(DurableTaskWorkerOptions worker, EngineOptions engine)
    {
        worker.DataConverter = PayloadConverter.Instance;
        worker.Concurrency.MaximumConcurrentOrchestrationWorkItems = engine.Concurrency;
        worker.Concurrency.MaximumConcurrentActivityWorkItems = engine.Concurrency;
    }

    /// <summary>
    /// The worker's connection to the embedded engine's <paramref name="channel"/>. The worker takes a
    /// work-item stream that brings nothing for two minutes for a dead connection, warns and reconnects:
    /// it expects the health pings the Durable Task Scheduler sends, which the embedded sidecar does not.
    /// That stream is in-process on loopback, so the check is off (a package API marked internal: a
    /// change to it breaks the build, not the run).
    /// </summary>
    public static void Apply(GrpcDurableTaskWorkerOptions grpc, GrpcChannel channel)
    {
        grpc.Channel = channel;
        grpc.SetSilentDisconnectTimeout(TimeSpan.Zero);
    }

    /// <summary>Our payload encoding, which the worker must read.</summary>
    public static void Apply(DurableTaskClientOptions client) => client.DataConverter = PayloadConverter.Instance;
}
