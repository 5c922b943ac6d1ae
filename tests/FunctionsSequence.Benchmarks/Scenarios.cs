using System.Diagnostics;
using System.Globalization;
using System.Text;
using CloudNative.CloudEvents;
using FunctionsSequence.Cli.Engine;
using FunctionsSequence.Cli.Runtime;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Routing;
using FunctionsSequence.Core.Steps;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Benchmarks;

/// <summary>The measured cases. Each builds what it measures, runs a bounded load, and returns a row.</summary>
internal static class Scenarios
{
    private const string StepImage = "registry.cn-hangzhou.aliyuncs.com/knative-sample/probable-summer:latest";

    /// <summary>A Sequence of <paramref name="steps"/> appenders replying to event-display, as Knative YAML.</summary>
    public static ManifestSet Manifests(int steps, CheckpointMode checkpoint)
    {
        var yaml = new StringBuilder();
        var refs = new StringBuilder();
        for (int i = 0; i < steps; i++)
        {
            yaml.Append(Inv($$"""
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: { name: step-{{i}} }
                spec:
                  template:
                    spec:
                      containers:
                        - image: {{StepImage}}
                          env: [{ name: STEP, value: "{{i}}" }]
                ---

                """));
            refs.Append(Inv($"    - ref: {{ apiVersion: serving.knative.dev/v1, kind: Service, name: step-{i} }}\n"));
        }

        yaml.Append(Inv($$"""
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata: { name: event-display }
            spec:
              template:
                spec:
                  containers:
                    - image: gcr.io/knative-releases/knative.dev/eventing/cmd/event_display
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: bench
              annotations: { functionssequence.dev/checkpoint: {{checkpoint}} }
            spec:
              channelTemplate: { apiVersion: messaging.knative.dev/v1, kind: InMemoryChannel }
              steps:
            {{refs}}  reply: { ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display } }
            """));
        return new ManifestLoader().LoadText(yaml.ToString(), "bench.yaml").EnsureValid();
    }

    private static string Inv(FormattableString s) => FormattableString.Invariant(s);

    public static CloudEvent NewEvent(string id) => new()
    {
        Id = id,
        Source = new Uri("/apis/v1/namespaces/default/pingsources/bench", UriKind.Relative),
        Type = "dev.knative.sources.ping",
        Time = DateTimeOffset.UtcNow,
        DataContentType = "application/json",
        Data = System.Text.Json.JsonDocument.Parse("""{"message": "Hello world!"}""").RootElement.Clone(),
    };

    /// <summary>(a) The physical limit: the step code alone, in a loop, with display formatting.</summary>
    public static async Task<Measurement> DirectAsync(int steps, TimeSpan duration)
    {
        var appenders = Enumerable.Range(0, steps).Select(i => new AppenderStep(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        var context = new StepContext("step", new Dictionary<string, string>());
        var stopwatch = Stopwatch.StartNew();
        int count = 0;
        while (stopwatch.Elapsed < duration)
        {
            CloudEvent e = NewEvent("d" + count);
            foreach (AppenderStep step in appenders)
            {
                e = (await step.InvokeAsync(e, context, default))!;
            }

            _ = EventDisplayFormatter.Format(e);
            count++;
        }

        return new Measurement("direct: step code in a loop", steps, "-", "saturation", count / stopwatch.Elapsed.TotalSeconds, null, null, null, count);
    }

    /// <summary>Runs a row; on a storage backend in a task hub of its own, deleted afterwards.</summary>
    internal static async Task<T> OnOwnTaskHubAsync<T>(EngineOptions engine, string prefix, Func<EngineOptions, Task<T>> row)
    {
        if (engine.StorageConnectionString is null)
        {
            return await row(engine);
        }

        EngineOptions ownHub = engine with { TaskHub = prefix + Guid.NewGuid().ToString("N")[..8] };
        try
        {
            return await row(ownHub);
        }
        finally
        {
            await DeleteTaskHubAsync(ownHub);
        }
    }

    /// <summary>
    /// Removes a storage row's task hub and its ledgers. Azurite keeps everything in memory and
    /// slows down as task hubs pile up: on one Azurite, four rows in a row settled 134, 89, 72 and
    /// 56 events/s, and a long-lived one about 30.
    /// </summary>
    private static async Task DeleteTaskHubAsync(EngineOptions engine)
    {
        var service = new DurableTask.AzureStorage.AzureStorageOrchestrationService(new DurableTask.AzureStorage.AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = engine.TaskHub,
            StorageAccountClientProvider = new DurableTask.AzureStorage.StorageAccountClientProvider(engine.StorageConnectionString!),
            UseTablePartitionManagement = true,
        });
        await service.DeleteAsync();
        await new Azure.Data.Tables.TableClient(engine.StorageConnectionString, engine.TaskHub + TableDisplayLedger.TableSuffix).DeleteAsync();
        await new Azure.Data.Tables.TableClient(engine.StorageConnectionString, engine.TaskHub + TableAdmissionLedger.TableSuffix).DeleteAsync();
    }

    /// <summary>
    /// Our overhead, alternated: the runtime via Core and via HTTP, then the bare engine given the
    /// same shared runs (as many events per run as via Core, as many runs in flight as the gate allows).
    /// </summary>
    public static async Task<IReadOnlyList<OverheadRound>> OverheadRoundsAsync(int rounds, int events)
    {
        var results = new List<OverheadRound>();
        var inMemory = new EngineOptions();
        for (int i = 0; i < rounds; i++)
        {
            (Measurement core, _) = await RuntimeAsync(3, CheckpointMode.Step, inMemory, Via.Core, events, null);
            (Measurement http, _) = await RuntimeAsync(3, CheckpointMode.Step, inMemory, Via.Http, events, null);
            (Measurement apart, _) = await RuntimeAsync(3, CheckpointMode.Step, inMemory, Via.HttpApart, events, null);
            // Via HTTP runs carry fewer events (they arrive slower), and the engine's cost per event
            // grows as runs get emptier: each row is also compared with the bare engine given runs as full as its own.
            Task<Measurement> BareAlike(Measurement row) => BareEngine.RunAsync(3, events, inMemory, Math.Max(1, (int)Math.Round(row.EventsPerRun)), new BatchingOptions().MaxInFlight);
            results.Add(new OverheadRound(core, http, apart, await BareAlike(core), await BareAlike(http), await BareAlike(apart)));
        }

        return results;
    }

    /// <summary>The runtime, at saturation or at a fixed rate, through Core's router or the HTTP ingress.</summary>
    public static Task<(Measurement Row, MemoryFigures Memory)> RuntimeAsync(
        int steps, CheckpointMode checkpoint, EngineOptions engine, Via via, int events, double? offeredPerSecond, BatchingOptions? batching = null) =>
        OnOwnTaskHubAsync(engine, "bench", hub => RuntimeOnAsync(steps, checkpoint, hub, via, events, offeredPerSecond, batching));

    private static async Task<(Measurement Row, MemoryFigures Memory)> RuntimeOnAsync(
        int steps, CheckpointMode checkpoint, EngineOptions engine, Via via, int events, double? offeredPerSecond, BatchingOptions? batching)
    {
        const string route = "/api/sequences/bench";
        ManifestSet manifests = Manifests(steps, checkpoint);
        var sink = new RecordingDisplaySink();
        var options = new RuntimeOptions
        {
            Paths = [],
            Port = 0,
            Once = true, // no source scheduler
            MaxInFlight = 1_000_000,
            Batching = batching ?? new BatchingOptions(),
            Engine = engine,
        };
        await using LocalRuntimeHost host = await LocalRuntimeHost.StartAsync(options, manifests, services => services.AddSingleton<IEventDisplaySink>(sink), LogLevel.None, default);
        EventRouter router = host.Services.GetRequiredService<EventRouter>();
        DurableTaskClient client = host.Services.GetRequiredService<DurableTaskClient>();
        InFlightRuns tracker = host.Services.GetRequiredService<InFlightRuns>();
        using var http = new HttpClient { BaseAddress = host.Address };
        // The load generator's own bookkeeping is an array slot per event, and the events are built
        // before the clock starts, as the bare engine's payload is: the generator's work is not ours.
        long[] sentAt = new long[events];
        CloudEvent?[] prepared = new CloudEvent?[events];
        for (int i = 0; i < events && via == Via.Core; i++)
        {
            prepared[i] = NewEvent($"e-{i}");
        }

        // index: the measured event's number, or -1 for a warm-up event.
        async Task Send(string id, int index)
        {
            if (via == Via.Core)
            {
                await router.StartAsync(client, RunTarget.Sequence("bench"), [index >= 0 ? prepared[index]! : NewEvent(id)], default);
                return;
            }

            await CloudEventRequests.SendBinaryAsync(http, route, id);
        }

        // Warm-up: JIT, connections, the engine's first work items, before the clock starts.
        using LoadProcess? apart = via == Via.HttpApart ? await LoadProcess.StartAsync(host.Address, route, events, offeredPerSecond) : null;
        if (apart is null)
        {
            await LoadShape.WarmUpAsync(id => Send(id, -1));
        }

        await WaitUntil(() => sink.Displayed.Count >= LoadShape.WarmUp, TimeSpan.FromSeconds(60));
        GC.Collect();
        long idleHeap = GC.GetTotalMemory(forceFullCollection: true);
        sink.Displayed.Clear();
        (long Runs, long Events) startedBefore = tracker.StartedTotals;
        long allocated = GC.GetTotalAllocatedBytes();

        RunBatcher batcher = host.Services.GetRequiredService<RunBatcher>();
        // What back-pressure counts: the events of a run being started count in both for a moment, so the peak may read a
        // little higher than before the batcher counted them until their start returned.
        var memory = new MemorySampler(() => tracker.Events + batcher.Queued);
        using var sampling = new CancellationTokenSource();
        Task sampler = memory.RunAsync(sampling.Token);
        TimeSpan cpu = Measurement.CpuTime();
        long start = Stopwatch.GetTimestamp();
        if (apart is not null)
        {
            await apart.GoAsync();
        }
        else
        {
            await LoadShape.DriveAsync(events, offeredPerSecond, sentAt, i => Send($"e-{i}", i));
        }

        await WaitUntil(
            () =>
            {
                apart?.ThrowIfFailed();
                return sink.Displayed.Count >= events;
            },
            TimeSpan.FromSeconds(180));
        (double cpuPerEvent, double cpuUse) = Measurement.Cpu(Measurement.CpuTime() - cpu, Stopwatch.GetElapsedTime(start), sink.Displayed.Count);
        sampling.Cancel();
        await sampler;
        if (apart is not null)
        {
            sentAt = await apart.FinishAsync();
        }

        double seconds = Stopwatch.GetElapsedTime(start, sink.Displayed.Values.Max()).TotalSeconds;
        var latencies = sink.Displayed
            .Select(d => Stopwatch.GetElapsedTime(sentAt[int.Parse(d.Key.AsSpan(2), CultureInfo.InvariantCulture)], d.Value).TotalMilliseconds)
            .Order()
            .ToList();
        string name = via switch { Via.Core => "runtime via Core", Via.Http => "runtime via HTTP", _ => "runtime via HTTP, sender apart" } + (checkpoint == CheckpointMode.Step ? ", per step" : ", per Sequence")
            + (batching is { MaxEvents: 1 } ? ", a run per event" : "");
        string load = offeredPerSecond is { } r ? $"{r:0}/s offered" : "saturation";
        var row = new Measurement(name, steps, Store(engine), load, sink.Displayed.Count / seconds,
            Measurement.Percentile(latencies, 50), Measurement.Percentile(latencies, 95), Measurement.Percentile(latencies, 99), sink.Displayed.Count)
        {
            EventsPerRun = tracker.StartedTotals.Runs == startedBefore.Runs ? 0 : (double)(tracker.StartedTotals.Events - startedBefore.Events) / (tracker.StartedTotals.Runs - startedBefore.Runs),
            AllocatedKiBPerEvent = (GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / sink.Displayed.Count,
            CpuMicrosPerEvent = cpuPerEvent,
            CpuUse = cpuUse,
        };
        return (row, memory.Figures(idleHeap));
    }

    internal static string Store(EngineOptions options) => options.StorageConnectionString is null ? "in-memory" : "azurite";

    internal static async Task WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException("the benchmark did not settle in time");
            }

            await Task.Delay(5);
        }
    }
}
