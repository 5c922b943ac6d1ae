namespace FunctionsSequence.Benchmarks;

/// <summary>One round of <see cref="Scenarios.OverheadRoundsAsync"/>: each row, and the bare engine given runs as full as that row's.</summary>
internal sealed record OverheadRound(Measurement Core, Measurement Http, Measurement Apart, Measurement Bare, Measurement BareHttp, Measurement BareApart)
{
    /// <summary>How many times the bare engine's rate is ours via Core.</summary>
    public double Ratio => Bare.EventsPerSecond / Core.EventsPerSecond;

    /// <summary>The same via HTTP.</summary>
    public double HttpRatio => Bare.EventsPerSecond / Http.EventsPerSecond;

    /// <summary>Via HTTP against the bare engine given runs as full as the HTTP row's.</summary>
    public double HttpAlikeRatio => BareHttp.EventsPerSecond / Http.EventsPerSecond;

    /// <summary>The same in CPU time per event.</summary>
    public double HttpAlikeCpuRatio => Http.CpuMicrosPerEvent!.Value / BareHttp.CpuMicrosPerEvent!.Value;

    /// <summary>Via HTTP from a sender in another process, against the bare engine given runs as full as that row's.</summary>
    public double ApartAlikeRatio => BareApart.EventsPerSecond / Apart.EventsPerSecond;

    /// <summary>The same in CPU time per event: the runtime's process alone (Kestrel, ingress, engine, steps) against the bare engine's.</summary>
    public double ApartAlikeCpuRatio => Apart.CpuMicrosPerEvent!.Value / BareApart.CpuMicrosPerEvent!.Value;

    /// <summary>How many times the bare engine's CPU time per event is ours via Core.</summary>
    public double CpuRatio => Core.CpuMicrosPerEvent!.Value / Bare.CpuMicrosPerEvent!.Value;
}
