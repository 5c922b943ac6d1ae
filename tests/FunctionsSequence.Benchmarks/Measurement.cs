using System.Globalization;

namespace FunctionsSequence.Benchmarks;

/// <summary>One row of the table.</summary>
internal sealed record Measurement(string Case, int Steps, string Store, string Load, double EventsPerSecond, double? P50, double? P95, double? P99, int Events)
{
    /// <summary>Events per orchestration (1 when each event has its own).</summary>
    public double EventsPerRun { get; init; } = 1;

    /// <summary>Managed memory allocated in the process per event, engine included (KiB); null when not measured.</summary>
    public double? AllocatedKiBPerEvent { get; init; }

    /// <summary>
    /// CPU time per event over the measured interval (µs): the process's, engine included; in the
    /// real-host comparison's rows every process of the benchmark's tree (the app's, Azurite's, the
    /// senders'). Null when not measured.
    /// </summary>
    public double? CpuMicrosPerEvent { get; init; }

    /// <summary>Share of all cores the processes of <see cref="CpuMicrosPerEvent"/> kept busy over the measured interval (1 = every core all the time).</summary>
    public double? CpuUse { get; init; }

    /// <summary><see cref="CpuMicrosPerEvent"/> by process role (<see cref="ProcessTreeCpu"/>), where it spans several processes.</summary>
    public IReadOnlyDictionary<string, double>? CpuMicrosPerEventByProcess { get; init; }

    public static string Header =>
        $"{"case",-40} {"steps",5} {"store",-9} {"load",-12} {"events/s",10} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"events",7} {"ev/run",6} {"KiB/ev",7} {"CPU µs/ev",9} {"CPU use",7}";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Case,-40} {Steps,5} {Store,-9} {Load,-12} {EventsPerSecond,10:0.0} {Ms(P50),8} {Ms(P95),8} {Ms(P99),8} {Events,7} {EventsPerRun,6:0.0} {Kib(AllocatedKiBPerEvent),7} {Kib(CpuMicrosPerEvent),9} {Percent(CpuUse),7}");

    private static string Kib(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "-";

    private static string Percent(double? value) => value is { } v ? v.ToString("0%", CultureInfo.InvariantCulture) : "-";

    private static string Ms(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "-";

    /// <summary>Process CPU time so far, to take the difference over a measured interval.</summary>
    public static TimeSpan CpuTime()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>(CPU µs per event, share of all cores) for <paramref name="events"/> that took <paramref name="cpu"/> over <paramref name="wall"/>.</summary>
    public static (double MicrosPerEvent, double Use) Cpu(TimeSpan cpu, TimeSpan wall, int events) =>
        (cpu.TotalMicroseconds / Math.Max(1, events), cpu / wall / Environment.ProcessorCount);

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
