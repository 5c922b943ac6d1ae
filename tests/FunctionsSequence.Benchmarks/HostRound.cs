namespace FunctionsSequence.Benchmarks;

/// <summary>One round of the real-host comparison: each app's saturation and offered-load rows, on an Azurite of its own.</summary>
internal sealed record HostRound(Measurement FseqSaturation, Measurement FseqOffered, Measurement HostSaturation, Measurement HostOffered)
{
    /// <summary>The host's rate at saturation over fseq's in this round.</summary>
    public double Ratio => HostSaturation.EventsPerSecond / FseqSaturation.EventsPerSecond;
}
