using System.Globalization;

namespace FunctionsSequence.Benchmarks;

/// <summary>One round of the real-host comparison: each app's saturation and offered-load rows, on an Azurite of its own.</summary>
internal sealed record HostRound(Measurement FseqSaturation, Measurement FseqOffered, Measurement HostSaturation, Measurement HostOffered)
{
    /// <summary>The host's rate at saturation over fseq's in this round.</summary>
    public double Ratio => HostSaturation.EventsPerSecond / FseqSaturation.EventsPerSecond;

    /// <summary>The host's CPU time per event at saturation over fseq's, each app with its Azurite and the senders; null where not measured.</summary>
    public double? CpuRatio => HostSaturation.CpuMicrosPerEvent / FseqSaturation.CpuMicrosPerEvent;

    /// <summary>Where each app's CPU time per event went at saturation, by process; null where not measured.</summary>
    public string? CpuLine() => CpuRatio is not { } ratio ? null : string.Create(CultureInfo.InvariantCulture,
        $"CPU per event at saturation, every process: fseq {Split(FseqSaturation)}; Functions host {Split(HostSaturation)}; host over fseq {ratio:0.00}");

    // Only called once CpuRatio is known: a row with CPU per event has it by process too (HostComparison).
    private static string Split(Measurement row) => string.Create(CultureInfo.InvariantCulture,
        $"{row.CpuMicrosPerEvent:0} µs ({string.Join(", ", row.CpuMicrosPerEventByProcess!.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value:0}"))})");
}
