using System.Reflection;
using FunctionsSequence.Cli.Engine;
using Grpc.Net.Client;
using Microsoft.DurableTask.Worker.Grpc;

namespace FunctionsSequence.IntegrationTests;

/// <summary>What the local runtime sets on its worker's connection to the embedded engine.</summary>
public sealed class EngineSettingsTests
{
    [Fact]
    public void The_worker_does_not_take_a_quiet_engine_for_a_dead_one()
    {
        using GrpcChannel channel = GrpcChannel.ForAddress("http://127.0.0.1:1");
        var grpc = new GrpcDurableTaskWorkerOptions();

        EngineSettings.Apply(grpc, channel);

        // The setting is kept in options the package does not expose (it sets them through
        // InternalOptionsExtensions): read it as the worker does, by its name.
        object options = typeof(GrpcDurableTaskWorkerOptions).GetProperty("Internal", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(grpc)!;
        var silentDisconnect = (TimeSpan)options.GetType().GetProperty("SilentDisconnectTimeout")!.GetValue(options)!;
        Assert.Same(channel, grpc.Channel);
        Assert.True(silentDisconnect <= TimeSpan.Zero, $"the worker reconnects after {silentDisconnect} without a message");
    }
}
