using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Sequences;

namespace FunctionsSequence.Core.Tests.Sequences;

/// <summary>
/// A batch shares each step's activity, yet each event keeps its own path: its own output, retries,
/// dead letter or end, as if it had run alone.
/// </summary>
public sealed class SequenceBatchPipelineTests
{
    private static readonly SequenceResource Sequence = new ManifestLoader().LoadText(
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
        "batch.yaml").EnsureValid().Sequences["batch"];

    private readonly List<(int Step, string[] Ids)> calls = [];
    private readonly List<string[]> replies = [];
    private readonly List<DeadLetterInput> deadLetters = [];
    private readonly List<TimeSpan> waits = [];
    private readonly List<string> failures = [];

    /// <summary>What step N answers to event ID on attempt K (1-based); by default it appends the step.</summary>
    private Func<int, string, int, DeliveryResult> answer = (step, id, _) => DeliveryResult.Success(Event(id, step));

    private TaskCompletionSource waitGate = Completed();

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

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

    private Task<SequenceBatchOutcome> Run(params string[] ids)
    {
        var attempts = new Dictionary<(int, string), int>();
        return SequenceBatchPipeline.RunAsync(
            Sequence,
            new SequenceBatchInput("batch", [.. ids.Select(id => new BatchedEvent(Event(id)))]),
            input =>
            {
                string[] inputIds = [.. input.Events.Select(e => IdOf(e.Json))];
                calls.Add((input.Step, inputIds));
                return Task.FromResult(inputIds.Select(id =>
                {
                    int attempt = attempts[(input.Step, id)] = attempts.GetValueOrDefault((input.Step, id)) + 1;
                    return answer(input.Step, id, attempt);
                }).ToArray());
            },
            async wait =>
            {
                waits.Add(wait);
                await waitGate.Task;
            },
            deadLetter =>
            {
                deadLetters.Add(deadLetter);
                return Task.CompletedTask;
            },
            reply =>
            {
                replies.Add([.. reply.Events.Select(e => IdOf(e.Event.Json))]);
                return Task.CompletedTask;
            },
            (_, _, _, _, _) => { },
            (what, attempts, _) => failures.Add($"{what} after {attempts}"));
    }

    [Fact]
    public async Task Each_step_is_one_call_for_the_whole_batch_and_the_outputs_go_to_the_reply_in_order()
    {
        SequenceBatchOutcome outcome = await Run("a", "b", "c");

        Assert.Equal([(0, ["a", "b", "c"]), (1, ["a", "b", "c"]), (2, ["a", "b", "c"])], calls.Select(c => (c.Step, c.Ids)).ToArray(), new CallComparer());
        Assert.Equal(["a", "b", "c"], Assert.Single(replies));
        Assert.Equal(new SequenceBatchOutcome(3, 3, 0, 0), outcome);
    }

    [Fact]
    public async Task Each_event_carries_its_own_output_to_the_next_step()
    {
        var seen = new List<string>();
        await SequenceBatchPipeline.RunAsync(
            Sequence,
            new SequenceBatchInput("batch", [new BatchedEvent(Event("x")), new BatchedEvent(Event("y"))]),
            input => Task.FromResult(input.Events.Select(e =>
            {
                CloudEvent cloudEvent = CloudEventJson.Decode(e.Json);
                // Step N must see what step N-1 made of this very event.
                seen.Add($"{input.Step}:{cloudEvent.Data}");
                return DeliveryResult.Success(Event(cloudEvent.Id!, input.Step));
            }).ToArray()),
            _ => Task.CompletedTask,
            _ => Task.CompletedTask,
            reply =>
            {
                Assert.Equal(["x handled by 2", "y handled by 2"], reply.Events.Select(e => (string)CloudEventJson.Decode(e.Event.Json).Data!));
                return Task.CompletedTask;
            },
            (_, _, _, _, _) => { },
            (_, _, _) => { });

        Assert.Equal(["0:x", "0:y", "1:x handled by 0", "1:y handled by 0", "2:x handled by 1", "2:y handled by 1"], seen);
    }

    [Fact]
    public async Task A_failed_event_is_retried_alone_after_its_backoff_while_the_others_go_on()
    {
        answer = (step, id, attempt) => step == 1 && id == "b" && attempt == 1
            ? DeliveryResult.Failure(503, retryable: true, "busy")
            : DeliveryResult.Success(Event(id, step));
        waitGate = new TaskCompletionSource();

        Task<SequenceBatchOutcome> run = Run("a", "b", "c");

        // a and c reached the reply while b still waits out its back-off.
        Assert.Equal(["a", "c"], Assert.Single(replies));
        Assert.Equal([TimeSpan.FromSeconds(2)], waits);
        Assert.False(run.IsCompleted);

        waitGate.SetResult();
        SequenceBatchOutcome outcome = await run;

        Assert.Equal(["b"], replies[1]);
        Assert.Contains(calls, c => c.Step == 1 && c.Ids.SequenceEqual(["b"]));
        Assert.Equal(new SequenceBatchOutcome(3, 3, 0, 0), outcome);
    }

    [Fact]
    public async Task Retries_follow_knatives_backoff_for_each_attempt()
    {
        answer = (step, id, attempt) => step == 1 && id == "b" && attempt < 3
            ? DeliveryResult.Failure(500, retryable: true, "down")
            : DeliveryResult.Success(Event(id, step));

        await Run("a", "b");

        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], waits); // PT2S exponential: 2 s, then 4 s
        Assert.Equal(3, calls.Count(c => c.Step == 1 && c.Ids.Contains("b")));
    }

    [Fact]
    public async Task A_step_with_a_dead_letter_sink_gets_the_failed_event_and_the_others_reply()
    {
        answer = (step, id, _) => step == 2 && id == "b"
            ? DeliveryResult.Failure(400, retryable: false, "bad request")
            : DeliveryResult.Success(Event(id, step));

        SequenceBatchOutcome outcome = await Run("a", "b", "c");

        DeadLetterInput dead = Assert.Single(deadLetters);
        Assert.Equal(("b", 2, 1, 400), (IdOf(dead.Event), dead.Step!.Value, dead.Attempts, dead.Failure.StatusCode));
        Assert.Equal("b handled by 1", CloudEventJson.Decode(dead.Event).Data); // the failed step's input
        Assert.Equal(["a", "c"], Assert.Single(replies));
        Assert.Equal(new SequenceBatchOutcome(3, 2, 0, 1), outcome);
    }

    [Fact]
    public async Task An_event_that_fails_for_good_with_no_sink_fails_the_run_after_the_others_are_delivered()
    {
        answer = (step, id, _) => step == 1 && id == "b"
            ? DeliveryResult.Failure(500, retryable: true, "down")
            : DeliveryResult.Success(Event(id, step));

        var error = await Assert.ThrowsAsync<DeliveryFailedException>(() => Run("a", "b", "c"));

        Assert.Contains("1 of 3 event(s) of Sequence batch failed with no deadLetterSink", error.Message, StringComparison.Ordinal);
        Assert.Contains("event b at step 1: down", error.Message, StringComparison.Ordinal);
        Assert.Equal(["a", "c"], Assert.Single(replies));
        Assert.Equal(["Sequence batch step 1 (http://step-1.local/) for event b after 3"], failures);
    }

    [Fact]
    public async Task A_step_that_answers_no_event_ends_that_events_chain_only()
    {
        answer = (step, id, _) => step == 0 && id == "a" ? DeliveryResult.Success(null) : DeliveryResult.Success(Event(id, step));

        SequenceBatchOutcome outcome = await Run("a", "b");

        Assert.Equal(["b"], calls.Single(c => c.Step == 1).Ids);
        Assert.Equal(["b"], Assert.Single(replies));
        Assert.Equal(new SequenceBatchOutcome(2, 1, 1, 0), outcome);
    }

    private sealed class CallComparer : IEqualityComparer<(int Step, string[] Ids)>
    {
        public bool Equals((int Step, string[] Ids) x, (int Step, string[] Ids) y) => x.Step == y.Step && x.Ids.SequenceEqual(y.Ids);

        public int GetHashCode((int Step, string[] Ids) obj) => obj.Step;
    }
}
