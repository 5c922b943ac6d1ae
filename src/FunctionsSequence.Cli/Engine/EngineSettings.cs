using FunctionsSequence.Core.Durable;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;

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

    /// <summary>Our payload encoding, which the worker must read.</summary>
    public static void Apply(DurableTaskClientOptions client) => client.DataConverter = PayloadConverter.Instance;
}
