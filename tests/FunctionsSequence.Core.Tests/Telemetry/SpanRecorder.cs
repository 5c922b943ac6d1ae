using System.Collections.Concurrent;
using System.Diagnostics;
using FunctionsSequence.Core.Telemetry;

namespace FunctionsSequence.Core.Tests.Telemetry;

/// <summary>Records the spans of <see cref="FlowTelemetry.Source"/> that end while it listens (other tests' too: filter by trace).</summary>
internal sealed class SpanRecorder : IDisposable
{
    private readonly ActivityListener listener;
    private readonly ConcurrentQueue<Activity> ended = new();

    public SpanRecorder()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FlowTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = ended.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
    }

    public IReadOnlyList<Activity> InTrace(ActivityTraceId trace) => [.. ended.Where(a => a.TraceId == trace)];

    public void Dispose() => listener.Dispose();
}
