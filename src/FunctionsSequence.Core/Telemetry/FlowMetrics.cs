using System.Diagnostics;
using System.Diagnostics.Metrics;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Durable;

namespace FunctionsSequence.Core.Telemetry;

/// <summary>
/// The flow metrics on <see cref="FlowTelemetry.Meter"/>. Those counted in orchestrator code are
/// told whether it is replaying and count only when it is not, so each counts once per run.
/// </summary>
public static class FlowMetrics
{
    private static readonly Counter<long> EventsIn = FlowTelemetry.Meter.CreateCounter<long>(
        "functionssequence.events.in", "{event}", "Events that entered a run of a Sequence, Parallel or Trigger");

    private static readonly Counter<long> EventsOut = FlowTelemetry.Meter.CreateCounter<long>(
        "functionssequence.events.out", "{event}", "Events that left a run of a Sequence, Parallel or Trigger, by outcome: delivered, ended (a step answered nothing), dead_lettered, failed");

    private static readonly Histogram<double> HopDuration = FlowTelemetry.Meter.CreateHistogram<double>(
        "functionssequence.hop.duration", "s", "One attempt at a hop (a step, a Parallel branch's filter or subscriber, a Trigger's subscriber) for one event");

    private static readonly Counter<long> Retries = FlowTelemetry.Meter.CreateCounter<long>(
        "functionssequence.retries", "{event}", "Events retried at a hop after a failed attempt");

    private static readonly Counter<long> DeadLetters = FlowTelemetry.Meter.CreateCounter<long>(
        "functionssequence.dead_letters", "{event}", "Events sent to a dead-letter sink after their retries ran out");

    /// <summary>A run of <paramref name="target"/> began with <paramref name="events"/> events.</summary>
    public static void RunStarted(bool replaying, RunTarget target, int events)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!replaying && EventsIn.Enabled)
        {
            EventsIn.Add(events, Flow(target));
        }
    }

    /// <summary>A run of <paramref name="target"/> ended with <paramref name="outcome"/>.</summary>
    public static void RunEnded(bool replaying, RunTarget target, RunOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(outcome);
        if (replaying || !EventsOut.Enabled)
        {
            return;
        }

        Out(target, "delivered", outcome.Delivered);
        Out(target, "ended", outcome.EndedEarly);
        Out(target, "dead_lettered", outcome.DeadLettered);
        Out(target, "failed", outcome.Failures.Count);
    }

    /// <summary>One attempt at <paramref name="hop"/> took <paramref name="seconds"/>.</summary>
    public static void HopAttempted(Hop hop, bool succeeded, double seconds)
    {
        ArgumentNullException.ThrowIfNull(hop);
        if (HopDuration.Enabled)
        {
            HopDuration.Record(seconds, new KeyValuePair<string, object?>("fseq.hop", hop.ToString()), new KeyValuePair<string, object?>("fseq.outcome", succeeded ? "success" : "failure"));
        }
    }

    /// <summary><paramref name="events"/> events wait to be tried again at <paramref name="hop"/>.</summary>
    public static void Retrying(bool replaying, Hop hop, int events)
    {
        ArgumentNullException.ThrowIfNull(hop);
        if (!replaying && Retries.Enabled)
        {
            Retries.Add(events, new KeyValuePair<string, object?>("fseq.hop", hop.ToString()));
        }
    }

    /// <summary>An event failed at <paramref name="hop"/> for good and goes to its dead-letter sink.</summary>
    public static void DeadLettered(bool replaying, Hop hop)
    {
        ArgumentNullException.ThrowIfNull(hop);
        if (!replaying && DeadLetters.Enabled)
        {
            DeadLetters.Add(1, new KeyValuePair<string, object?>("fseq.hop", hop.ToString()));
        }
    }

    private static void Out(RunTarget target, string outcome, int count)
    {
        if (count > 0)
        {
            TagList tags = Flow(target);
            tags.Add("fseq.outcome", outcome);
            EventsOut.Add(count, tags);
        }
    }

    private static TagList Flow(RunTarget target) => new()
    {
        { "fseq.flow.kind", target.Kind.ToString() },
        { "fseq.flow.name", target.Name },
    };
}
