using System.Globalization;

namespace FunctionsSequence.Benchmarks;

/// <summary>The real-host comparison: four timed rows, the storage counts of each app, and its keys of the RESULT line.</summary>
internal sealed record HostRows(
    Measurement FseqSaturation, Measurement FseqOffered, Measurement HostSaturation, Measurement HostOffered, StorageCount[] FseqStorage, StorageCount[] HostStorage)
{
    /// <summary>
    /// Storage keys, when counted: [0] single events from 16 senders (the sustained load docs/performance.md
    /// counts), [1] batch mode, [3] single events offered at 200/s (open loop: runs fill with what arrives).
    /// </summary>
    public string ResultKeys() => string.Create(CultureInfo.InvariantCulture,
        $"host_events_per_s={HostSaturation.EventsPerSecond:0.0} host_p99_ms={HostOffered.P99:0.0} host_over_fseq={HostSaturation.EventsPerSecond / FseqSaturation.EventsPerSecond:0.00} " +
        $"fseq_azurite_batch_events_per_s={FseqSaturation.EventsPerSecond:0.0} fseq_azurite_p99_ms={FseqOffered.P99:0.0}") + StorageKeys();

    private string StorageKeys() => HostStorage.Length < 4 || FseqStorage.Length < 4 ? "" : string.Create(CultureInfo.InvariantCulture,
        $" host_storage_per_event={HostStorage[0].PerEvent:0.0} fseq_azurite_storage_per_event={FseqStorage[0].PerEvent:0.0} " +
        $"host_storage_per_event_batched={HostStorage[1].PerEvent:0.0} fseq_azurite_storage_per_event_batched={FseqStorage[1].PerEvent:0.0} " +
        $"host_storage_per_event_200_per_s={HostStorage[3].PerEvent:0.0} fseq_azurite_storage_per_event_200_per_s={FseqStorage[3].PerEvent:0.0}");
}
