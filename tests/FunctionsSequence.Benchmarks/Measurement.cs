using System.Globalization;

namespace FunctionsSequence.Benchmarks;

/// <summary>One row of the table.</summary>
internal sealed record Measurement(string Case, int Steps, string Store, string Load, double EventsPerSecond, double? P50, double? P95, double? P99, int Events)
{
    /// <summary>Events per orchestration (1 when each event has its own).</summary>
    public double EventsPerRun { get; init; } = 1;

    /// <summary>Managed memory allocated in the process per event, engine included (KiB); null when not measured.</summary>
    public double? AllocatedKiBPerEvent { get; init; }

    public static string Header =>
        $"{"case",-40} {"steps",5} {"store",-9} {"load",-12} {"events/s",10} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"events",7} {"ev/run",6} {"KiB/ev",7}";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Case,-40} {Steps,5} {Store,-9} {Load,-12} {EventsPerSecond,10:0.0} {Ms(P50),8} {Ms(P95),8} {Ms(P99),8} {Events,7} {EventsPerRun,6:0.0} {Kib(AllocatedKiBPerEvent),7}");

    private static string Kib(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "-";

    private static string Ms(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "-";

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
