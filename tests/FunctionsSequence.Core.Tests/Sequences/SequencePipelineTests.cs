using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Sequences;
using FunctionsSequence.Core.Tests.Flows;

namespace FunctionsSequence.Core.Tests.Sequences;

/// <summary>
/// A run shares each step's call, yet each event keeps its own path: its own output, retries, dead
/// letter or end, as if it had run alone; and a lone event is just a run of one.
/// </summary>
public sealed class SequencePipelineTests
{
    private static readonly ManifestSet Manifests = new ManifestLoader().LoadText(
        """
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: batch }
        spec:
          steps:
            - uri: http://step-0.local/
            - uri: http://step-1.local/
              delivery:
                retry: 2
                backoffPolicy: exponential
                backoffDelay: PT2S
            - uri: http://step-2.local/
              delivery:
                deadLetterSink: { uri: http://dls.local/ }
          reply: { uri: http://reply.local/ }
        """,
        "batch.yaml").EnsureValid();

    private readonly RecordingHops hops = new((hop, json, _) => DeliveryResult.Success(Event(IdOf(json), hop.Index)));

    private static string Event(string id, int? handledBy = null)
    {
        var cloudEvent = new CloudEvent
        {
            Id = id,
            Source = new Uri("/test", UriKind.Relative),
            Type = "test",
            DataContentType = "text/plain",
            Data = handledBy is { } step ? $"{id} handled by {step}" : id,
        };
        return CloudEventJson.Encode(cloudEvent);
    }

    private static string IdOf(string json) => CloudEventJson.Decode(json).Id!;

    private Task<RunOutcome> Run(params string[] ids) =>
        SequencePipeline.RunAsync(Manifests, new SequenceRun("batch", [.. ids.Select(id => new RunEvent(Event(id)))]), hops);

    [Fact]
    public async Task Each_step_is_one_call_for_the_whole_run_and_the_outputs_go_to_the_reply_in_order()
    {
        RunOutcome outcome = await Run("a", "b", "c");

        Assert.Equal(["0:a,b,c", "1:a,b,c", "2:a,b,c"], hops.Calls);
        Assert.Equal(["a", "b", "c"], Assert.Single(hops.Replies));
        Assert.Equal(new RunOutcome(3, 3, 0, 0), outcome);
    }

    [Fact]
    public async Task A_lone_event_takes_the_same_path_as_a_run_of_one()
    {
        RunOutcome outcome = await Run("solo");

        Assert.Equal(["0:solo", "1:solo", "2:solo"], hops.Calls);
        Assert.Equal(["solo"], Assert.Single(hops.Replies));
        Assert.Equal(new RunOutcome(1, 1, 0, 0), outcome);
    }

    [Fact]
    public async Task Each_event_carries_its_own_output_to_the_next_step()
    {
        var seen = new List<string>();
        hops.Answer = (hop, json, _) =>
        {
            CloudEvent cloudEvent = CloudEventJson.Decode(json);
            seen.Add($"{hop.Index}:{cloudEvent.Data}"); // step N must see what step N-1 made of this very event
            return DeliveryResult.Success(Event(cloudEvent.Id!, hop.Index));
        };

        await Run("x", "y");

        Assert.Equal(["0:x", "0:y", "1:x handled by 0", "1:y handled by 0", "2:x handled by 1", "2:y handled by 1"], seen);
        Assert.Equal(["x handled by 2", "y handled by 2"], hops.ReplyData);
    }

    [Fact]
    public async Task A_failed_event_is_retried_alone_after_its_backoff_while_the_others_go_on()
    {
        hops.Answer = (hop, json, attempt) => hop.Index == 1 && IdOf(json) == "b" && attempt == 1
            ? DeliveryResult.Failure(503, retryable: true, "busy")
            : DeliveryResult.Success(Event(IdOf(json), hop.Index));
        hops.WaitGate = new TaskCompletionSource();

        Task<RunOutcome> run = Run("a", "b", "c");

        // a and c reached the reply while b still waits out its back-off.
        Assert.Equal(["a", "c"], Assert.Single(hops.Replies));
        Assert.Equal([TimeSpan.FromSeconds(2)], hops.Waits);
        Assert.False(run.IsCompleted);

        hops.WaitGate.SetResult();
        RunOutcome outcome = await run;

        Assert.Equal(["b"], hops.Replies[1]);
        Assert.Contains("1:b", hops.Calls);
        Assert.Equal(new RunOutcome(3, 3, 0, 0), outcome);
        Assert.Contains("Sequence batch step 1 (http://step-1.local/): attempt 1/3 failed for event b (status 503: busy); retrying in 2 s", hops.Log.Lines);
    }

    [Fact]
    public async Task Events_retried_together_are_one_line_naming_the_first_and_counting_the_others()
    {
        hops.Answer = (hop, json, attempt) => hop.Index == 1 && IdOf(json) != "a" && attempt == 1
            ? DeliveryResult.Failure(503, retryable: true, "busy")
            : DeliveryResult.Success(Event(IdOf(json), hop.Index));

        await Run("a", "b", "c");

        Assert.Equal(
            "Sequence batch step 1 (http://step-1.local/): attempt 1/3 failed for event b and 1 more (status 503: busy); retrying in 2 s",
            Assert.Single(hops.Log.Lines, line => line.Contains("retrying", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Retries_follow_knatives_backoff_for_each_attempt()
    {
        hops.Answer = (hop, json, attempt) => hop.Index == 1 && IdOf(json) == "b" && attempt < 3
            ? DeliveryResult.Failure(500, retryable: true, "down")
            : DeliveryResult.Success(Event(IdOf(json), hop.Index));

        await Run("a", "b");

        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], hops.Waits); // PT2S exponential: 2 s, then 4 s
        Assert.Equal(3, hops.Calls.Count(c => c.StartsWith("1:", StringComparison.Ordinal) && c.Contains('b', StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_step_with_a_dead_letter_sink_gets_the_failed_event_and_the_others_reply()
    {
        hops.Answer = (hop, json, _) => hop.Index == 2 && IdOf(json) == "b"
            ? DeliveryResult.Failure(400, retryable: false, "bad request")
            : DeliveryResult.Success(Event(IdOf(json), hop.Index));

        RunOutcome outcome = await Run("a", "b", "c");

        DeadLetterInput dead = Assert.Single(hops.DeadLetters);
        Assert.Equal(("b", 2, 1, 400), (IdOf(dead.Event), dead.Hop.Index, dead.Attempts, dead.Failure.StatusCode));
        Assert.Equal("b handled by 1", CloudEventJson.Decode(dead.Event).Data); // the failed step's input
        Assert.Equal(["a", "c"], Assert.Single(hops.Replies));
        Assert.Equal(new RunOutcome(3, 2, 0, 1), outcome);
    }

    [Fact]
    public async Task An_event_that_fails_for_good_with_no_sink_fails_the_run_after_the_others_are_delivered()
    {
        hops.Answer = (hop, json, _) => hop.Index == 1 && IdOf(json) == "b"
            ? DeliveryResult.Failure(500, retryable: true, "down")
            : DeliveryResult.Success(Event(IdOf(json), hop.Index));

        RunOutcome outcome = await Run("a", "b", "c");
        var error = Assert.Throws<DeliveryFailedException>(() => DeliveryFailedException.ThrowIfFailed(outcome, "of Sequence batch"));

        Assert.Contains("1 of 3 event(s) of Sequence batch failed for good, neither delivered nor dead-lettered;", error.Message, StringComparison.Ordinal);
        Assert.Contains("event b (Sequence batch step 1 (http://step-1.local/)): down", error.Message, StringComparison.Ordinal);
        Assert.Equal(["a", "c"], Assert.Single(hops.Replies));
        Assert.Contains(hops.Log.Lines, l => l.StartsWith("Sequence batch step 1 (http://step-1.local/) failed after 3 attempt(s)", StringComparison.Ordinal) && l.EndsWith("with event b in its input", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_lone_event_that_fails_for_good_with_no_sink_is_reported_as_it_always_was()
    {
        hops.Answer = (hop, json, _) => hop.Index == 1 ? DeliveryResult.Failure(422, retryable: false, "no") : DeliveryResult.Success(Event(IdOf(json), hop.Index));

        RunOutcome outcome = await Run("solo");
        var error = Assert.Throws<DeliveryFailedException>(() => DeliveryFailedException.ThrowIfFailed(outcome, "of Sequence batch"));

        Assert.Equal(
            "Sequence batch step 1 (http://step-1.local/) failed after 1 attempt(s): no. No deadLetterSink is set; event solo is kept in this orchestration's input.",
            error.Message);
        Assert.Contains(hops.Log.Lines, l => l.StartsWith("Sequence batch step 1 (http://step-1.local/) failed after 1 attempt(s) (last status 422: no)", StringComparison.Ordinal) && l.EndsWith("with event solo in its input", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_step_that_answers_no_event_ends_that_events_chain_only()
    {
        hops.Answer = (hop, json, _) => hop.Index == 0 && IdOf(json) == "a" ? DeliveryResult.Success(null) : DeliveryResult.Success(Event(IdOf(json), hop.Index));

        RunOutcome outcome = await Run("a", "b");

        Assert.Equal(["0:a,b", "1:b", "2:b"], hops.Calls);
        Assert.Equal(["b"], Assert.Single(hops.Replies));
        Assert.Equal(new RunOutcome(2, 1, 1, 0), outcome);
    }
}
