using System.Collections.Concurrent;
using System.Diagnostics;
using FunctionsSequence.Cli.Engine;
using FunctionsSequence.Core.Events;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;

namespace FunctionsSequence.Benchmarks;

/// <summary>The bare Durable Task engine with no-op activities: what any runtime on it costs at least.</summary>
internal static class BareEngine
{
    /// <summary>
    /// (b) What the engine alone costs: a no-op orchestration calling a no-op activity per step (the
    /// last one standing for the reply too, as the runtime's last step sends it), for one event each
    /// or, with <paramref name="batch"/>, for that many events each (the same shape as the runtime's
    /// shared runs, without our code).
    /// </summary>
    /// <param name="steps">Activities per run.</param>
    /// <param name="events">Events in all.</param>
    /// <param name="options">The engine.</param>
    /// <param name="batch">Events per run.</param>
    /// <param name="runsInFlight">With a batch: how many runs may be in flight at once, as the runtime's gate allows (0: all at once).</param>
    public static Task<Measurement> RunAsync(int steps, int events, EngineOptions options, int batch = 1, int runsInFlight = 0) =>
        Scenarios.OnOwnTaskHubAsync(options, "benchbare", engine => RunOnAsync(steps, events, engine, batch, runsInFlight));

    private static async Task<Measurement> RunOnAsync(int steps, int events, EngineOptions options, int batch, int runsInFlight)
    {
        using var slots = new SemaphoreSlim(runsInFlight > 0 ? runsInFlight : int.MaxValue);
        using ILoggerFactory logs = LoggerFactory.Create(_ => { });
        await using EmbeddedEngine engine = options.StorageConnectionString is null
            ? await EmbeddedEngine.StartInMemoryAsync(options, logs, default)
            : await EmbeddedEngine.StartAzureStorageAsync(options, logs, default);
        var done = new ConcurrentDictionary<string, long>();
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(grpc => EngineSettings.Apply(grpc, engine.Channel));
            worker.Configure(o => EngineSettings.Apply(o, options)); // the runtime's engine settings
            worker.AddTasks(registry => registry
                .AddActivityFunc<string[], string[]>("Noop", (_, input) => input)
                .AddOrchestratorFunc<string[], string[]>("NoopSequence", async (context, input) =>
                {
                    for (int i = 0; i < steps; i++)
                    {
                        input = await context.CallActivityAsync<string[]>("Noop", input);
                    }

                    if (!context.IsReplaying)
                    {
                        if (done.TryAdd(context.InstanceId, Stopwatch.GetTimestamp()) && runsInFlight > 0)
                        {
                            slots.Release();
                        }
                    }

                    return input;
                }));
        });
        builder.Services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(engine.Channel);
            client.Configure(EngineSettings.Apply);
            client.RegisterDirectly();
        });
        using IHost host = builder.Build();
        await host.StartAsync();
        DurableTaskClient client = host.Services.GetRequiredService<DurableTaskClient>();
        string[] payload = [.. Enumerable.Repeat(CloudEventJson.Encode(Scenarios.NewEvent("bare")), batch)];
        await client.ScheduleNewOrchestrationInstanceAsync("NoopSequence", payload); // warm-up
        await Task.Delay(500);
        done.Clear();
        // As the runtime's rows do: start from a collected heap, not from the garbage of the row before.
        GC.Collect();
        GC.GetTotalMemory(forceFullCollection: true);

        int runs = Math.Max(1, events / batch);
        long allocated = GC.GetTotalAllocatedBytes();
        TimeSpan cpu = Measurement.CpuTime();
        long start = Stopwatch.GetTimestamp();
        await Parallel.ForAsync(0, runs, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            await slots.WaitAsync(ct);
            await client.ScheduleNewOrchestrationInstanceAsync("NoopSequence", payload, new StartOrchestrationOptions($"bare-{i}"), ct);
        });
        await Scenarios.WaitUntil(() => done.Count >= runs, TimeSpan.FromSeconds(120));
        cpu = Measurement.CpuTime() - cpu;
        TimeSpan wall = Stopwatch.GetElapsedTime(start);
        double seconds = Stopwatch.GetElapsedTime(start, done.Values.Max()).TotalSeconds;
        double kibPerEvent = (GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / (done.Count * batch);
        await host.StopAsync();
        (double cpuPerEvent, double cpuUse) = Measurement.Cpu(cpu, wall, done.Count * batch);
        string name = batch == 1 ? "bare engine: no-op activities" : runsInFlight > 0 ? $"bare engine: batched, {runsInFlight} runs at once" : "bare engine: no-op activities, batched";
        return new Measurement(name, steps, Scenarios.Store(options), "saturation", done.Count * batch / seconds, null, null, null, done.Count * batch)
        {
            EventsPerRun = batch,
            AllocatedKiBPerEvent = kibPerEvent,
            CpuMicrosPerEvent = cpuPerEvent,
            CpuUse = cpuUse,
        };
    }
}
