using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Sequences;
using FunctionsSequence.Core.Telemetry;
using FunctionsSequence.Core.Tests.Flows;

namespace FunctionsSequence.Core.Tests.Telemetry;

/// <summary>The flow metrics, read with a <see cref="MeterListener"/> after a run: retries, dead letters, hop attempts, events in and out.</summary>
public sealed class FlowMetricsTests : IDisposable
{
    private static readonly ManifestSet Manifests = new ManifestLoader().LoadText(
        """
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: metered }
        spec:
          steps:
            - uri: http://step-0.local/
              delivery: { retry: 3 }
            - uri: http://step-1.local/
              delivery:
                deadLetterSink: { uri: http://dls.local/ }
        """,
        "metered.yaml").EnsureValid();

    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> measured = new();
    private readonly MeterListener listener = new();

    public FlowMetricsTests()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == FlowTelemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i, value, tags));
        listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i, value, tags));
        listener.Start();
    }

    public void Dispose() => listener.Dispose();

    [Fact]
    public async Task A_run_counts_each_retry_and_dead_letter_at_its_hop()
    {
        // Event a fails step 0 twice (retried), then fails step 1 for good (dead-lettered); b goes straight through.
        var hops = new RecordingHops((hop, json, attempt) => (hop.Index, RecordingHops.IdOf(json), attempt) switch
        {
            (0, "a", < 3) => DeliveryResult.Failure(503, retryable: true, "busy"),
            (1, "a", _) => DeliveryResult.Failure(400, retryable: false, "refused"),
            _ => DeliveryResult.Success(json),
        });

        RunOutcome outcome = await SequencePipeline.RunAsync(Manifests, new SequenceRun("metered", [new RunEvent(Event("a")), new RunEvent(Event("b"))]), hops);

        Assert.Equal(1, outcome.DeadLettered);
        Assert.Equal(2, Sum("functionssequence.retries", "Sequence metered step 0"));
        Assert.Equal(0, Sum("functionssequence.retries", "Sequence metered step 1"));
        Assert.Equal(1, Sum("functionssequence.dead_letters", "Sequence metered step 1"));
    }

    [Fact]
    public void A_run_counts_its_events_in_and_each_outcome_out_and_nothing_on_replay()
    {
        RunTarget target = RunTarget.Trigger("metered-trigger");
        var outcome = new RunOutcome(5, 2, 1, 1) { Failures = ["one"] };

        FlowMetrics.RunStarted(replaying: true, target, 5);
        FlowMetrics.RunEnded(replaying: true, target, outcome);
        FlowMetrics.RunStarted(replaying: false, target, 5);
        FlowMetrics.RunEnded(replaying: false, target, outcome);

        Assert.Equal(5, Sum("functionssequence.events.in", flow: "metered-trigger"));
        Assert.Equal(2, Sum("functionssequence.events.out", flow: "metered-trigger", outcome: "delivered"));
        Assert.Equal(1, Sum("functionssequence.events.out", flow: "metered-trigger", outcome: "ended"));
        Assert.Equal(1, Sum("functionssequence.events.out", flow: "metered-trigger", outcome: "dead_lettered"));
        Assert.Equal(1, Sum("functionssequence.events.out", flow: "metered-trigger", outcome: "failed"));
    }

    [Fact]
    public async Task Each_attempt_at_a_hop_records_its_duration_and_outcome()
    {
        CloudEvent input = Events.Json("""{"message": "Hello"}""", id: "m-1");
        Hop hop = Hop.Step("metered-attempts", 0);

        await TracedAttempt.RunAsync(hop, Destination.ToUri(new Uri("http://x.local/")), input, (e, _) => ValueTask.FromResult<CloudEvent?>(e), null, CancellationToken.None);
        await TracedAttempt.RunAsync(hop, Destination.ToUri(new Uri("http://x.local/")), input, (_, _) => throw new InvalidOperationException("down"), null, CancellationToken.None);

        var attempts = measured.Where(m => m.Instrument == "functionssequence.hop.duration" && Equals(m.Tags.GetValueOrDefault("fseq.hop"), hop.ToString())).ToList();
        Assert.Equal(["failure", "success"], attempts.Select(a => (string)a.Tags["fseq.outcome"]!).Order(StringComparer.Ordinal));
        Assert.All(attempts, a => Assert.True(a.Value >= 0));
    }

    private static string Event(string id) => CloudEventJson.Encode(new CloudEvent
    {
        Id = id,
        Source = new Uri("/test", UriKind.Relative),
        Type = "test",
        DataContentType = "text/plain",
        Data = id,
    });

    private double Sum(string instrument, string? hop = null, string? flow = null, string? outcome = null) => measured
        .Where(m => m.Instrument == instrument
            && (hop is null || Equals(m.Tags.GetValueOrDefault("fseq.hop"), hop))
            && (flow is null || Equals(m.Tags.GetValueOrDefault("fseq.flow.name"), flow))
            && (outcome is null || Equals(m.Tags.GetValueOrDefault("fseq.outcome"), outcome)))
        .Sum(m => m.Value);

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        measured.Enqueue((instrument.Name, value, copy));
    }
}
