using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace FunctionsSequence.Benchmarks;

/// <summary>
/// The Functions app on the real Functions host against <c>fseq</c>, on the storage the caller's
/// <c>start</c> gives, under the same load: the seed's 3-step Sequence replying to event-display
/// (samples/2-reply-display), events sent in CloudEvents batch mode by a few senders at once
/// (saturation) or one every 1/rate s in binary mode (offered load); <see cref="CountStorageAsync(Func{string, Task{ILoadTarget}}, CountingAzurite, Load[])"/>
/// counts each load's storage requests on an Azurite that logs them.
/// </summary>
internal static class HostComparison
{
    public const string Manifests = "samples/2-reply-display";
    private const string Route = "/api/sequences/sequence";
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(10);

    /// <summary>The batching wait both apps run with (<c>--batch-wait MS</c>), set once before any row; zero: the apps' default.</summary>
    public static TimeSpan BatchWait { get; set; }

    /// <summary>How a load is sent: requests of <paramref name="BatchSize"/> events from <paramref name="Senders"/> senders as fast as they go, or one event every 1/<paramref name="OfferedPerSecond"/> s.</summary>
    public sealed record Load(int Events, int BatchSize, int Senders, double? OfferedPerSecond = null)
    {
        public override string ToString() => OfferedPerSecond is { } rate
            ? $"{Events} events at {rate:0}/s offered"
            : $"{Events} events {(BatchSize == 1 ? "one per request" : $"in requests of {BatchSize}")} from {Senders} senders";
    }

    /// <summary>Runs the saturation row then the offered-load row on one fresh target.</summary>
    public static async Task<(Measurement Saturation, Measurement Offered)> RunAsync(Func<string, Task<ILoadTarget>> start, Load load, int offeredEvents, double offeredPerSecond)
    {
        await using ILoadTarget target = await start(NewTaskHub());
        await WarmUpAsync(target);
        (Measurement saturation, _, _) = await MeasureAsync(target, load.Events, (sentAt, ids) => SaturateAsync(target, load, sentAt, ids), "saturation");
        (Measurement offered, _, _) = await MeasureAsync(
            target, offeredEvents, (sentAt, ids) => OfferAsync(target, offeredEvents, offeredPerSecond, sentAt, ids), $"{offeredPerSecond:0}/s offered");
        return (saturation, offered);
    }

    /// <summary>
    /// Each load in turn on one fresh target on <paramref name="azurite"/>, which logs its requests:
    /// the storage requests of each load's window and the idle rate just before it.
    /// </summary>
    public static async Task<StorageCount[]> CountStorageAsync(Func<string, Task<ILoadTarget>> start, CountingAzurite azurite, params Load[] loads)
    {
        await using ILoadTarget target = await start(NewTaskHub());
        await WarmUpAsync(target);
        var counts = new StorageCount[loads.Length];
        for (int i = 0; i < loads.Length; i++)
        {
            counts[i] = await CountStorageAsync(target, azurite, loads[i]);
        }

        return counts;
    }

    private static async Task<StorageCount> CountStorageAsync(ILoadTarget target, CountingAzurite azurite, Load load)
    {
        // The work of what came before settles first; then the idle rate, to tell apart from what the events cost.
        await Task.Delay(SettleTime);
        DateTime idleFrom = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(5));
        DateTime idleTo = DateTime.UtcNow;
        (_, DateTime from, _) = await MeasureAsync(
            target,
            load.Events,
            (sentAt, ids) => load.OfferedPerSecond is { } rate ? OfferAsync(target, load.Events, rate, sentAt, ids) : SaturateAsync(target, load, sentAt, ids),
            "saturation");

        // Counted until the runs have ended after their last display, and Azurite, which its debug
        // log slows down, has taken the requests sent meanwhile (it logs a request when it takes it).
        await Task.Delay(SettleTime);
        DateTime to = DateTime.UtcNow;
        IReadOnlyDictionary<string, long> idle = await azurite.CountAsync(idleFrom, idleTo, target.TaskHub);
        IReadOnlyDictionary<string, long> busy = await azurite.CountAsync(from, to, target.TaskHub);
        return new StorageCount(busy, load.Events, (to - from).TotalSeconds, idle[""] / (idleTo - idleFrom).TotalSeconds);
    }

    private static string NewTaskHub() => "bench" + Guid.NewGuid().ToString("N")[..10];

    private static async Task WarmUpAsync(ILoadTarget target)
    {
        // One at a time (runs of their own), then a burst (shared runs), as the in-memory rows warm up.
        string[] ids = [.. Enumerable.Range(0, 220).Select(i => $"warm-{i}")];
        foreach (string id in ids[..20])
        {
            await SendAsync(target, [id]);
        }

        await Parallel.ForEachAsync(ids[20..].Chunk(50), async (chunk, _) => await SendAsync(target, chunk));
        await WaitUntilDisplayedAsync(target, ids, TimeSpan.FromSeconds(120));
    }

    /// <summary>Sends <paramref name="events"/> new events and waits until each is displayed; the row, and the window from the first send to the last display (UTC).</summary>
    private static async Task<(Measurement Row, DateTime From, DateTime To)> MeasureAsync(ILoadTarget target, int events, Func<long[], string[], Task> sendAll, string load)
    {
        string prefix = Guid.NewGuid().ToString("N")[..8] + "-";
        string[] ids = [.. Enumerable.Range(0, events).Select(i => prefix + i.ToString(CultureInfo.InvariantCulture))];
        long[] sentAt = new long[events];
        DateTime from = DateTime.UtcNow;
        IReadOnlyDictionary<string, TimeSpan> cpuBefore = ProcessTreeCpu.Snapshot();
        long start = Stopwatch.GetTimestamp();
        await sendAll(sentAt, ids);
        await WaitUntilDisplayedAsync(target, ids, TimeSpan.FromSeconds(600));
        IReadOnlyDictionary<string, TimeSpan> cpu = ProcessTreeCpu.Between(cpuBefore, ProcessTreeCpu.Snapshot());
        long last = ids.Max(id => target.Displayed[id]);
        DateTime to = from + Stopwatch.GetElapsedTime(start, last);
        double seconds = Stopwatch.GetElapsedTime(start, last).TotalSeconds;
        var latencies = ids.Select((id, i) => Stopwatch.GetElapsedTime(sentAt[i], target.Displayed[id]).TotalMilliseconds).Order().ToList();
        var row = new Measurement($"{target.Name} via HTTP, per step", 3, "azurite", load, events / seconds,
            Measurement.Percentile(latencies, 50), Measurement.Percentile(latencies, 95), Measurement.Percentile(latencies, 99), events);
        if (cpu.Count > 0)
        {
            // Every process of the comparison: the app's, its Azurite's and the senders' (docs/performance.md says why).
            TimeSpan total = cpu.Values.Aggregate(TimeSpan.Zero, (sum, time) => sum + time);
            (double perEvent, double use) = Measurement.Cpu(total, Stopwatch.GetElapsedTime(start), events);
            row = row with
            {
                CpuMicrosPerEvent = perEvent,
                CpuUse = use,
                CpuMicrosPerEventByProcess = cpu.ToDictionary(role => role.Key, role => role.Value.TotalMicroseconds / events, StringComparer.Ordinal),
            };
        }

        return (row, from, to);
    }

    private static async Task SaturateAsync(ILoadTarget target, Load load, long[] sentAt, string[] ids)
    {
        int next = -1;
        await Task.WhenAll(Enumerable.Range(0, load.Senders).Select(async _ =>
        {
            int batch;
            while ((batch = Interlocked.Increment(ref next)) * load.BatchSize < ids.Length)
            {
                int from = batch * load.BatchSize, to = Math.Min(ids.Length, from + load.BatchSize);
                long now = Stopwatch.GetTimestamp();
                Array.Fill(sentAt, now, from, to - from);
                await SendAsync(target, ids[from..to]);
            }
        }));
    }

    private static Task OfferAsync(ILoadTarget target, int events, double rate, long[] sentAt, string[] ids) =>
        LoadShape.DriveAsync(events, rate, sentAt, i => SendAsync(target, [ids[i]]));

    /// <summary>One event in binary mode, or several in batch mode; a 429 is sent again after its Retry-After, as a client should.</summary>
    private static async Task SendAsync(ILoadTarget target, string[] ids)
    {
        while (true)
        {
            using HttpRequestMessage request = ids.Length == 1 ? CloudEventRequests.Binary(Route, ids[0]) : CloudEventRequests.Batch(Route, ids);
            using HttpResponseMessage response = await target.Http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                response.EnsureSuccessStatusCode();
                return;
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }

    private static async Task WaitUntilDisplayedAsync(ILoadTarget target, string[] ids, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!ids.All(target.Displayed.ContainsKey))
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"{target.Name}: {ids.Count(id => !target.Displayed.ContainsKey(id))} of {ids.Length} events not displayed within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(20);
        }
    }
}
