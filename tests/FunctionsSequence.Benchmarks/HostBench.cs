using System.Globalization;
using FunctionsSequence.HostTests.Hosting;

namespace FunctionsSequence.Benchmarks;

/// <summary>The real-host part of the benchmark: the Functions app and fseq under the same load, and their storage counts.</summary>
internal static class HostBench
{
    /// <summary>
    /// The Functions app on the real host and fseq under the same load, each on an Azurite of the
    /// benchmark's own, in rounds (three, one with <paramref name="shortRun"/>) that alternate
    /// which app goes first; the round with the median ratio goes to <paramref name="report"/>,
    /// the others are summed up in a line each. Null when there is no Functions host here.
    /// </summary>
    public static async Task<HostRows?> HostRowsAsync(bool shortRun, Action<Measurement> report, bool countStorage = true)
    {
        if (FunctionsHostTarget.Command is not { } command)
        {
            return null;
        }

        var load = new HostComparison.Load(shortRun ? 1000 : 2000, BatchSize: 100, Senders: 4);
        int offered = shortRun ? 300 : 600;
        Task<(Measurement Saturation, Measurement Offered)> TimeAsync(Func<string, Func<string, Task<ILoadTarget>>> app) =>
            OnOwnAzuriteAsync(countRequests: false, azurite => HostComparison.RunAsync(app(azurite.ConnectionString), load, offered, 100));

        // The engine can put one run's start back for 2 s, which moves a whole row (docs/performance.md,
        // "Third pass"): the figures are medians of rounds.
        var rounds = new List<HostRound>();
        for (int i = 0; i < (shortRun ? 1 : 3); i++)
        {
            (Measurement Saturation, Measurement Offered) fseq, onHost;
            if (i % 2 == 0)
            {
                fseq = await TimeAsync(Fseq);
                onHost = await TimeAsync(storage => OnHost(command, storage));
            }
            else
            {
                onHost = await TimeAsync(storage => OnHost(command, storage));
                fseq = await TimeAsync(Fseq);
            }

            rounds.Add(new HostRound(fseq.Saturation, fseq.Offered, onHost.Saturation, onHost.Offered));
        }

        int shown = Enumerable.Range(0, rounds.Count).OrderBy(i => rounds[i].Ratio).ElementAt(rounds.Count / 2);
        HostRound median = rounds[shown];
        for (int i = 0; i < rounds.Count; i++)
        {
            if (i != shown)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"real host, round {i + 1} of {rounds.Count} (the table shows round {shown + 1}, the median): " +
                    $"host {rounds[i].HostSaturation.EventsPerSecond:0.0} and fseq {rounds[i].FseqSaturation.EventsPerSecond:0.0} events/s, ratio {rounds[i].Ratio:0.00}; " +
                    $"p99 at 100/s {rounds[i].HostOffered.P99:0} and {rounds[i].FseqOffered.P99:0} ms"));
            }
        }

        foreach (Measurement row in new[] { median.FseqSaturation, median.FseqOffered, median.HostSaturation, median.HostOffered })
        {
            report(row);
        }

        if (median.CpuLine() is { } cpu)
        {
            Console.WriteLine($"real host, round {shown + 1}: {cpu}");
        }

        (StorageCount[] fseqStorage, StorageCount[] hostStorage) = countStorage ? await CountStorageAsync(shortRun, command) : ([], []);
        return new HostRows(rounds, fseqStorage, hostStorage);
    }

    /// <summary>
    /// Storage requests per event of each app: single events from 16 senders that each wait for an
    /// answer (the closed-loop load docs/performance.md has always counted), the rows' load (batch
    /// mode), 50/s offered, where runs carry few events when the backend keeps up (a run's own cost
    /// shows), and 200/s offered, where single events sent on a clock rather than on answers fill the runs.
    /// </summary>
    public static async Task<(StorageCount[] Fseq, StorageCount[] Host)> CountStorageAsync(bool shortRun, HostCommand command, bool withFseq = true)
    {
        HostComparison.Load[] loads =
        [
            new(shortRun ? 300 : 600, BatchSize: 1, Senders: 16),
            new(shortRun ? 1000 : 2000, BatchSize: 100, Senders: 4),
            new(shortRun ? 200 : 400, BatchSize: 1, Senders: 1, OfferedPerSecond: 50),
            new(shortRun ? 600 : 1200, BatchSize: 1, Senders: 1, OfferedPerSecond: 200),
        ];
        Task<StorageCount[]> CountAsync(Func<string, Func<string, Task<ILoadTarget>>> app) =>
            OnOwnAzuriteAsync(countRequests: true, azurite => HostComparison.CountStorageAsync(app(azurite.ConnectionString), azurite, loads));

        StorageCount[] fseq = withFseq ? await CountAsync(Fseq) : [];
        StorageCount[] host = await CountAsync(storage => OnHost(command, storage));
        foreach ((string app, StorageCount[] counts) in new[] { ("fseq", fseq), ("Functions host", host) })
        {
            for (int i = 0; i < counts.Length; i++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"storage, {app}, {loads[i]}: " +
                    $"{counts[i].PerEvent:0.0} requests per event less the idle rate of {counts[i].IdlePerSecond:0}/s ({counts[i].GrossPerEvent:0.0} with it); most: {counts[i].Top(20)}"));
            }
        }

        return (fseq, host);
    }

    /// <summary>
    /// The Functions app on one instance and on <paramref name="instances"/> instances on one task
    /// hub (<see cref="ScaleOutTarget"/>), each on an Azurite of its own, under the same load: two
    /// rounds that alternate which goes first.
    /// </summary>
    public static async Task ScaleOutAsync(HostCommand command, int instances, Action<Measurement> report)
    {
        var load = new HostComparison.Load(1000, BatchSize: 100, Senders: 4);
        for (int round = 0; round < 2; round++)
        {
            foreach (int count in round == 0 ? new[] { 1, instances } : [instances, 1])
            {
                Func<string, Task<ILoadTarget>> app(string storage) => count == 1
                    ? OnHost(command, storage)
                    : async hub => await ScaleOutTarget.StartAsync(command, HostComparison.Manifests, storage, hub, count);
                (Measurement saturation, Measurement offered) = await OnOwnAzuriteAsync(
                    countRequests: false, azurite => HostComparison.RunAsync(app(azurite.ConnectionString), load, 600, 50));
                report(saturation);
                report(offered);
            }
        }
    }

    /// <summary>The Functions app on the real host under a long saturation load (6,000 events), for a profiler to attach to.</summary>
    public static Task<(Measurement Saturation, Measurement Offered)> ProfileAsync(HostCommand command) =>
        OnOwnAzuriteAsync(countRequests: false, azurite => HostComparison.RunAsync(
            OnHost(command, azurite.ConnectionString), new HostComparison.Load(6_000, BatchSize: 100, Senders: 4), 300, 100));

    /// <summary>
    /// fseq as a process of its own that prints what it shows a user, read as the host's output is
    /// (<see cref="FseqProcessTarget"/>): the host's rows run as a user runs the app, so fseq's do too. False
    /// (<c>--fseq-in-process</c>): in the benchmark's process with nothing printed, as the passes before the seventeenth measured it.
    /// </summary>
    public static bool FseqAsProcess { get; set; } = true;

    /// <summary>fseq on <paramref name="storage"/>: a task hub name in, a started target out.</summary>
    private static Func<string, Task<ILoadTarget>> Fseq(string storage) => FseqAsProcess
        ? async hub => await FseqProcessTarget.StartAsync(HostComparison.Manifests, storage, hub)
        : async hub => await FseqTarget.StartAsync(HostComparison.Manifests, storage, hub);

    /// <summary>The Functions app on the real host on <paramref name="storage"/>: a task hub name in, a started target out.</summary>
    private static Func<string, Task<ILoadTarget>> OnHost(HostCommand command, string storage) =>
        async hub => await FunctionsHostTarget.StartAsync(command, HostComparison.Manifests, storage, hub);

    /// <summary>
    /// <paramref name="run"/> on a fresh Azurite of the benchmark's own: timed rows on one that logs
    /// nothing, counts on one that logs every request (and is slower for it). Each app gets its own,
    /// as one slows down while it fills up and the second app would run beside the first one's task hub.
    /// </summary>
    private static async Task<T> OnOwnAzuriteAsync<T>(bool countRequests, Func<CountingAzurite, Task<T>> run)
    {
        await using CountingAzurite azurite = await CountingAzurite.StartAsync(countRequests);
        return await run(azurite);
    }
}
