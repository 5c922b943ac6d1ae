using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Inspection;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Sequences;
using FunctionsSequence.Core.Tests.Flows;

namespace FunctionsSequence.Core.Tests.Delivery;

/// <summary>
/// A dead-letter sink is sent to with the failed hop's retries and back-off, as Knative's dispatcher
/// sends to one with the retry config of the delivery that failed; a sink's refusal is a result.
/// </summary>
public sealed class DeadLetterSinkRetryTests
{
    private static readonly ManifestSet Manifests = new ManifestLoader().LoadText(
        """
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: orders }
        spec:
          steps:
            - uri: http://step-0.local/
              delivery:
                retry: 2
                backoffPolicy: linear
                backoffDelay: PT1S
                deadLetterSink: { uri: http://dls.local/ }
        """,
        "orders.yaml").EnsureValid();

    private readonly RecordingHops hops = new((_, _, _) => DeliveryResult.Failure(422, retryable: false, "POST http://step-0.local/ answered 422 Unprocessable Entity"));

    private static string Event(string id) =>
        CloudEventJson.Encode(new CloudEvent { Id = id, Source = new Uri("/test", UriKind.Relative), Type = "test", DataContentType = "text/plain", Data = id });

    private Task<RunOutcome> Run(string id) => SequencePipeline.RunAsync(Manifests, new SequenceRun("orders", [new RunEvent(Event(id))]), hops);

    private static DeliveryResult Unavailable() => DeliveryResult.Failure(503, retryable: true, "POST http://dls.local/ answered 503 Service Unavailable");

    [Fact]
    public async Task A_sink_that_is_unavailable_twice_is_tried_again_after_the_hops_back_off_and_takes_the_event()
    {
        hops.DeadLetterAnswer = n => n < 3 ? Unavailable() : DeliveryResult.Success(null);

        RunOutcome outcome = await Run("e-1");

        Assert.Equal(3, hops.DeadLetters.Count);
        Assert.All(hops.DeadLetters, d => Assert.Equal(("e-1", 422), (CloudEventJson.ReadId(d.Event), d.Failure.StatusCode)));
        Assert.Equal([TimeSpan.FromSeconds(1)], hops.Waits); // linear PT1S: no wait before the first retry, 1 s before the second
        Assert.Equal(new RunOutcome(1, 0, 0, 1), outcome);
        Assert.Empty(outcome.Failures);
        Assert.Contains(
            "Sequence orders step 0 (http://step-0.local/), dead-letter sink http://dls.local/: attempt 1/3 failed for event e-1 (status 503: POST http://dls.local/ answered 503 Service Unavailable); retrying in 0 s",
            hops.Log.Lines);
    }

    [Fact]
    public async Task A_sink_that_stays_unavailable_is_tried_as_often_as_the_hop_and_then_fails_the_run()
    {
        hops.DeadLetterAnswer = _ => Unavailable();

        RunOutcome outcome = await Run("e-2");

        Assert.Equal(3, hops.DeadLetters.Count);
        Assert.Equal((0, 0), (outcome.Delivered, outcome.DeadLettered));
        Assert.StartsWith(
            "Sequence orders step 0 (http://step-0.local/) failed after 1 attempt(s): POST http://step-0.local/ answered 422 Unprocessable Entity. Its dead-letter sink http://dls.local/ failed too: POST http://dls.local/ answered 503 Service Unavailable; event e-2 is kept",
            Assert.Single(outcome.Failures),
            StringComparison.Ordinal);
        HopStatus hop = RunReader.HopsOf(hops.Reported!, 0)[0];
        Assert.Equal(("dead-letter sink failed", 422), (hop.Result, hop.Status));
    }

    [Fact]
    public async Task A_sink_that_refuses_the_event_as_Knative_does_not_retry_is_tried_once()
    {
        hops.DeadLetterAnswer = _ => DeliveryResult.Failure(400, retryable: false, "POST http://dls.local/ answered 400 Bad Request");

        RunOutcome outcome = await Run("e-3");

        Assert.Single(hops.DeadLetters);
        Assert.Empty(hops.Waits);
        Assert.Contains("Its dead-letter sink http://dls.local/ failed too: POST http://dls.local/ answered 400 Bad Request; event e-3", Assert.Single(outcome.Failures), StringComparison.Ordinal);
    }
}
