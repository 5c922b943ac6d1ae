using System.Globalization;
using FunctionsSequence.HostTests.Hosting;

namespace FunctionsSequence.Benchmarks;

/// <summary>The real-host part of the benchmark: the Functions app and fseq under the same load, and their storage counts.</summary>
internal static class HostBench
{
    /// <summary>
    /// The Functions app on the real host and fseq under the same load, each on an Azurite of the
    /// benchmark's own, in rounds (three, one with <paramref name="shortRun"/>) that alternate
    /// which app goes first; null when there is no Functions host here.
    /// </summary>
    public static async Task<HostRows?> HostRowsAsync(bool shortRun, Action<Measurement> report, bool countStorage = true)
    {
        if (FunctionsHostTarget.Command is not { } command)
        {
            return null;
        }

        var load = new HostComparison.Load(shortRun ? 1000 : 2000, BatchSize: 100, Senders: 4);
        int offered = shortRun ? 300 : 600;
        Func<string, Task<ILoadTarget>> Fseq(CountingAzurite storage) => async hub => await FseqTarget.StartAsync(HostComparison.Manifests, storage.ConnectionString, hub);
        Func<string, Task<ILoadTarget>> OnHost(CountingAzurite storage) => async hub => await FunctionsHostTarget.StartAsync(command, HostComparison.Manifests, storage.ConnectionString, hub);

        // Timed on Azurites that log nothing, counted on ones that log every request (and are slower
        // for it); each app on an Azurite of its own, as one slows down while it fills up and the
        // second app would otherwise run beside the first one's task hub.
        async Task<(Measurement Saturation, Measurement Offered)> TimeOnOwnAzuriteAsync(Func<CountingAzurite, Func<string, Task<ILoadTarget>>> start)
        {
            await using CountingAzurite plain = await CountingAzurite.StartAsync(countRequests: false);
            return await HostComparison.RunAsync(start(plain), load, offered, 100);
        }

        // A row of 10-20 runs moves by a third when the engine puts one run's start back for 2 s
        // (docs/performance.md, "Third pass"), so the figures are medians of rounds.
        var rounds = new List<HostRound>();
        for (int i = 0; i < (shortRun ? 1 : 3); i++)
        {
            (Measurement Saturation, Measurement Offered) fseq, onHost;
            if (i % 2 == 0)
            {
                fseq = await TimeOnOwnAzuriteAsync(Fseq);
                onHost = await TimeOnOwnAzuriteAsync(OnHost);
            }
            else
            {
                onHost = await TimeOnOwnAzuriteAsync(OnHost);
                fseq = await TimeOnOwnAzuriteAsync(Fseq);
            }

            rounds.Add(new HostRound(fseq.Saturation, fseq.Offered, onHost.Saturation, onHost.Offered));
            foreach (Measurement row in new[] { fseq.Saturation, fseq.Offered, onHost.Saturation, onHost.Offered })
            {
                report(row);
            }
        }

        (StorageCount[] fseqStorage, StorageCount[] hostStorage) = countStorage ? await CountStorageAsync(shortRun, command) : ([], []);
        return new HostRows(rounds, fseqStorage, hostStorage);
    }

    /// <summary>
    /// Storage requests per event of each app, under sustained load as docs/performance.md counts
    /// it (single events from 16 senders), under the rows' load (batch mode), at 50/s offered,
    /// where runs carry few events when the backend keeps up (a run's own cost shows), and at
    /// 200/s offered, where single events sent on a clock rather than on answers fill the runs.
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
        StorageCount[] fseq = withFseq ? await CountOnOwnAzuriteAsync(storage => async hub => await FseqTarget.StartAsync(HostComparison.Manifests, storage, hub), loads) : [];
        StorageCount[] host = await CountOnOwnAzuriteAsync(storage => async hub => await FunctionsHostTarget.StartAsync(command, HostComparison.Manifests, storage, hub), loads);
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

    private static async Task<StorageCount[]> CountOnOwnAzuriteAsync(Func<string, Func<string, Task<ILoadTarget>>> start, HostComparison.Load[] loads)
    {
        await using CountingAzurite counting = await CountingAzurite.StartAsync(countRequests: true);
        return await HostComparison.CountStorageAsync(start(counting.ConnectionString), counting, loads);
    }
}
