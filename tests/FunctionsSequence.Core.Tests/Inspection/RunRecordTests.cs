using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Inspection;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Parallels;
using FunctionsSequence.Core.Sequences;
using FunctionsSequence.Core.Tests.Flows;

namespace FunctionsSequence.Core.Tests.Inspection;

/// <summary>
/// A run records each attempt at each hop (when, for which of its events, what became of those that
/// failed), and the record read back gives each event its own path: the hops it reached, its
/// attempts, its last error, whether it was dead-lettered.
/// </summary>
public sealed class RunRecordTests
{
    private static readonly ManifestSet Manifests = new ManifestLoader().LoadText(
        """
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: shop }
        spec:
          steps:
            - uri: http://step-0.local/
            - uri: http://step-1.local/
              delivery: { retry: 2, backoffPolicy: exponential, backoffDelay: PT1S }
            - uri: http://step-2.local/
              delivery:
                deadLetterSink: { uri: http://dls.local/ }
        ---
        apiVersion: flows.knative.dev/v1
        kind: Parallel
        metadata: { name: fan }
        spec:
          branches:
            - filter: { uri: http://filter-0.local/ }
              subscriber: { uri: http://branch-0.local/ }
            - subscriber: { uri: http://branch-1.local/ }
        """,
        "record.yaml").EnsureValid();

    private readonly RecordingHops hops = new((hop, json, _) => DeliveryResult.Success(Event(RecordingHops.IdOf(json))));

    private static string Event(string id) => CloudEventJson.Encode(new CloudEvent
    {
        Id = id,
        Source = new Uri("/test", UriKind.Relative),
        Type = "test",
        DataContentType = "text/plain",
        Data = id,
    });

    private static SequenceRun Run(params string[] ids) => new("shop", [.. ids.Select(id => new RunEvent(Event(id)))]);

    [Fact]
    public async Task A_lone_event_records_each_step_once_with_every_event_implied()
    {
        await SequencePipeline.RunAsync(Manifests, Run("solo"), hops);

        RunRecord record = hops.Reported!;
        Assert.Equal(["step 0 (http://step-0.local/)", "step 1 (http://step-1.local/)", "step 2 (http://step-2.local/)"], record.Attempts.Select(a => a.Hop));
        Assert.All(record.Attempts, a => Assert.Empty(a.Events)); // every event of the run
        Assert.All(record.Attempts, a => Assert.Equal(hops.UtcNow, a.At));
        Assert.Equal(["ok", "ok", "ok"], RunReader.HopsOf(record, 0).Select(h => h.Result));
    }

    [Fact]
    public async Task In_a_shared_run_each_event_keeps_its_own_attempts_error_and_dead_letter()
    {
        // b fails step 1 once, then succeeds; c is refused for good at step 2, which has a dead-letter sink.
        hops.Answer = (hop, json, attempt) => (hop.Index, RecordingHops.IdOf(json), attempt) switch
        {
            (1, "b", 1) => DeliveryResult.Failure(503, retryable: true, "busy"),
            (2, "c", _) => DeliveryResult.Failure(400, retryable: false, "bad order"),
            _ => DeliveryResult.Success(Event(RecordingHops.IdOf(json))),
        };

        await SequencePipeline.RunAsync(Manifests, Run("a", "b", "c"), hops);
        RunRecord record = hops.Reported!;

        HopAttempt retry = Assert.Single(record.Attempts, a => a.Attempt == 2);
        Assert.Equal([1], retry.Events);
        HopFailure busy = Assert.Single(record.Attempts.Single(a => a.Hop.StartsWith("step 1", StringComparison.Ordinal) && a.Attempt == 1).Failed);
        Assert.Equal(new HopFailure(1, 503, "busy", HopFate.Retrying), busy);

        IReadOnlyList<HopStatus> a = RunReader.HopsOf(record, 0);
        IReadOnlyList<HopStatus> b = RunReader.HopsOf(record, 1);
        IReadOnlyList<HopStatus> c = RunReader.HopsOf(record, 2);
        Assert.Equal([1, 1, 1], a.Select(h => h.Attempts));
        Assert.Equal([1, 2, 1], b.Select(h => h.Attempts));
        Assert.Equal(("ok", 503, "busy"), (b[1].Result, b[1].Status, b[1].Error)); // it got through, and the error it got through is kept
        Assert.Equal(("dead-lettered", 400, "bad order", "http://dls.local/"), (c[2].Result, c[2].Status, c[2].Error, c[2].DeadLetterSink));
        Assert.All(a, h => Assert.Equal("ok", h.Result));
    }

    [Fact]
    public async Task An_event_whose_dead_letter_sink_fails_too_is_recorded_so_and_fails_the_run_while_the_others_go_on()
    {
        hops.Answer = (hop, json, _) => (hop.Index, RecordingHops.IdOf(json)) == (2, "c")
            ? DeliveryResult.Failure(400, retryable: false, "bad order")
            : DeliveryResult.Success(Event(RecordingHops.IdOf(json)));
        // As the Functions host reports an activity's exception: its type before its message.
        hops.DeadLetterFailure = new Microsoft.DurableTask.TaskFailedException(
            "DeadLetter", 1, new Microsoft.DurableTask.TaskFailureDetails("System.Net.Http.HttpRequestException", "System.Net.Http.HttpRequestException: POST http://dls.local/ answered 503", null, null, null));

        RunOutcome outcome = await SequencePipeline.RunAsync(Manifests, Run("a", "c"), hops);

        HopStatus step2 = RunReader.HopsOf(hops.Reported!, 1)[2];
        Assert.Equal(("dead-letter sink failed", 400, "bad order", "http://dls.local/"), (step2.Result, step2.Status, step2.Error, step2.DeadLetterSink));
        Assert.Equal((1, 0), (outcome.Delivered, outcome.DeadLettered));
        Assert.Equal(
            "event c (Sequence shop step 2 (http://step-2.local/)): bad order; its dead-letter sink http://dls.local/ failed too: POST http://dls.local/ answered 503",
            Assert.Single(outcome.Failures));
    }

    [Fact]
    public async Task An_event_that_fails_for_good_without_a_sink_is_recorded_as_failed_after_its_retries()
    {
        hops.Answer = (hop, json, _) => hop.Index == 1
            ? DeliveryResult.Failure(500, retryable: true, "down")
            : DeliveryResult.Success(Event(RecordingHops.IdOf(json)));

        RunOutcome outcome = await SequencePipeline.RunAsync(Manifests, Run("x"), hops);

        HopStatus step1 = RunReader.HopsOf(hops.Reported!, 0)[1];
        Assert.Equal((3, "failed", 500, "down"), (step1.Attempts, step1.Result, step1.Status, step1.Error));
        Assert.Equal(2, RunReader.HopsOf(hops.Reported!, 0).Count); // step 2 was never reached
        Assert.Single(outcome.Failures);
    }

    [Fact]
    public async Task A_parallel_records_its_filter_per_branch_and_follows_each_event_past_it()
    {
        hops.Answer = (hop, json, _) => (hop.Role, RecordingHops.IdOf(json)) switch
        {
            (HopRole.Filter, "q") => DeliveryResult.Failure(500, retryable: true, "filter down"),
            _ => DeliveryResult.Success(Event(RecordingHops.IdOf(json))),
        };

        await ParallelOrchestration.RunAsync(Manifests, new ParallelRun("fan", [new RunEvent(Event("p")), new RunEvent(Event("q"))]), hops);
        RunRecord record = hops.Reported!;

        Assert.Equal(
            [("branch 0 (http://branch-0.local/)", "ok"), ("branch 0 filter (http://filter-0.local/)", "ok"), ("branch 1 (http://branch-1.local/)", "ok")],
            RunReader.HopsOf(record, 0).Select(h => (h.Hop, h.Result)).OrderBy(h => h.Hop, StringComparer.Ordinal));
        Assert.Equal(
            [("branch 0 filter (http://filter-0.local/)", "dropped"), ("branch 1 (http://branch-1.local/)", "ok")],
            RunReader.HopsOf(record, 1).Select(h => (h.Hop, h.Result)).OrderBy(h => h.Hop, StringComparer.Ordinal));
    }

    [Fact]
    public void A_record_keeps_its_first_attempts_and_counts_what_it_leaves_out()
    {
        var tally = new RunTally(1);
        RunEvent item = new(Event("e"));
        tally.Tracking([item]);
        for (int i = 1; i <= RunRecord.MaxAttempts + 5; i++)
        {
            tally.Attempted("step 0", i, DateTime.UnixEpoch, TimeSpan.Zero, [item], [(item, DeliveryResult.Failure(500, true, new string('x', 500)), HopFate.Retrying, null)]);
        }

        RunRecord record = tally.Record();
        Assert.Equal(RunRecord.MaxAttempts, record.Attempts.Count);
        Assert.Equal(5, record.Dropped);
        Assert.Equal(RunRecord.MaxErrorLength, record.Attempts[0].Failed[0].Error!.Length);
    }
}
