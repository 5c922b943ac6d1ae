using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FunctionsSequence.Core.Telemetry;

/// <summary>
/// The one <see cref="ActivitySource"/> and the one <see cref="Meter"/> of FunctionsSequence, both
/// named <see cref="Name"/>: a host subscribes to them (OpenTelemetry's <c>AddSource</c> and
/// <c>AddMeter</c>) to export the spans of each event's hops and the flow metrics.
/// </summary>
public static class FlowTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "FunctionsSequence";

    /// <summary>Where every hop's span starts; <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null while no one listens.</summary>
    public static ActivitySource Source { get; } = new(Name);

    /// <summary>Where the flow metrics (<see cref="FlowMetrics"/>) are made.</summary>
    public static Meter Meter { get; } = new(Name);
}
