using System.Globalization;

namespace FunctionsSequence.Benchmarks;

/// <summary>The real-host comparison: its rounds, the storage counts of each app, and its keys of the RESULT line.</summary>
internal sealed record HostRows(IReadOnlyList<HostRound> Rounds, StorageCount[] FseqStorage, StorageCount[] HostStorage)
{
    /// <summary>
    /// The rounds' medians: each app's rate at saturation and p99 at 100/s offered, and the median of
    /// the rounds' ratios of the host's rate over fseq's (not the ratio of the two median rates).
    /// </summary>
    public string ResultKeys() => string.Create(CultureInfo.InvariantCulture,
        $"host_events_per_s={Rounds.Select(r => r.HostSaturation.EventsPerSecond).Median():0.0} host_p99_ms={Rounds.Select(r => r.HostOffered.P99!.Value).Median():0.0} " +
        $"host_over_fseq={Rounds.Select(r => r.Ratio).Median():0.00} host_over_fseq_rounds={string.Join(',', Rounds.Select(r => r.Ratio.ToString("0.00", CultureInfo.InvariantCulture)))} " +
        $"fseq_azurite_batch_events_per_s={Rounds.Select(r => r.FseqSaturation.EventsPerSecond).Median():0.0} fseq_azurite_p99_ms={Rounds.Select(r => r.FseqOffered.P99!.Value).Median():0.0}") + CpuKeys() + StorageKeys();

    /// <summary>
    /// CPU time per event at saturation, each app with its Azurite and the senders (medians of the
    /// rounds), and the median of the rounds' ratios; none where not measured (not Linux).
    /// </summary>
    private string CpuKeys() => Rounds.Any(r => r.CpuRatio is null) ? "" : string.Create(CultureInfo.InvariantCulture,
        $" host_cpu_us_per_event={Rounds.Select(r => r.HostSaturation.CpuMicrosPerEvent!.Value).Median():0} fseq_azurite_cpu_us_per_event={Rounds.Select(r => r.FseqSaturation.CpuMicrosPerEvent!.Value).Median():0} " +
        $"host_cpu_over_fseq={Rounds.Select(r => r.CpuRatio!.Value).Median():0.00}");

    /// <summary>
    /// Storage keys, when counted: [0] single events from 16 senders that wait for answers (the load
    /// docs/performance.md has always counted), [1] batch mode, [3] single events offered at 200/s.
    /// </summary>
    private string StorageKeys() => HostStorage.Length < 4 || FseqStorage.Length < 4 ? "" : string.Create(CultureInfo.InvariantCulture,
        $" host_storage_per_event={HostStorage[0].PerEvent:0.0} fseq_azurite_storage_per_event={FseqStorage[0].PerEvent:0.0} " +
        $"host_storage_per_event_batched={HostStorage[1].PerEvent:0.0} fseq_azurite_storage_per_event_batched={FseqStorage[1].PerEvent:0.0} " +
        $"host_storage_per_event_200_per_s={HostStorage[3].PerEvent:0.0} fseq_azurite_storage_per_event_200_per_s={FseqStorage[3].PerEvent:0.0}");
}
