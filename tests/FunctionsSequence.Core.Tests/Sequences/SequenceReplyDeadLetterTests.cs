using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Flows;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Sequences;
using FunctionsSequence.Core.Tests.Flows;

namespace FunctionsSequence.Core.Tests.Sequences;

/// <summary>
/// A reply given up sends the last step's input to that step's dead-letter sink, with the reply as
/// <c>knativeerrordest</c>, as Knative's dispatcher does with the subscriber's delivery; the run then
/// completes. Without a sink on the last step, the reply's failure fails the run, as before.
/// </summary>
public sealed class SequenceReplyDeadLetterTests
{
    private const string Reply = "http://reply.local/";

    private static readonly string WithSink = """
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: seq }
        spec:
          steps:
            - uri: http://step-0.local/
            - uri: http://step-1.local/
              delivery: { deadLetterSink: { uri: http://dls.local/ } }
          reply: { uri: http://reply.local/ }

        """;

    [Fact]
    public async Task An_event_the_reply_gave_up_sends_the_last_steps_input_to_its_sink_and_the_others_are_delivered()
    {
        var hops = new RecordingHops((hop, json, _) => Answer(hop, json));
        hops.ReplyOutcome = input => input.DeadLetters
            ? new ReplyOutcome([.. input.Events.Select(e => RecordingHops.IdOf(e.Event.Json) == "b" ? Unavailable() : null)])
            : throw new InvalidOperationException("the run did not ask the reply's activity for what it gives up");

        RunOutcome outcome = await RunAsync(WithSink, hops, "a", "b");

        DeadLetterInput dead = Assert.Single(hops.DeadLetters);
        Assert.Equal("b@0", Data(dead.Event)); // what step 1 was given, not what it answered
        Assert.Equal((Reply, 503, 1), (dead.FailedDestination, dead.Failure.StatusCode, dead.Hop.Index));
        Assert.Equal(new RunOutcome(2, 1, 0, 1), outcome);
        HopAttempt attempt = hops.Reported!.Attempts[^1];
        Assert.Equal($"step 1 reply ({Reply})", attempt.Hop);
        Assert.Equal(ReplyRetry.MaxAttempts, attempt.Attempt);
        Assert.Equal([1], attempt.Events);
        HopFailure failed = Assert.Single(attempt.Failed);
        Assert.Equal((1, 503, HopFate.DeadLettered, "http://dls.local/"), (failed.Event, failed.Status, failed.Fate, failed.DeadLetterSink));
    }

    [Fact]
    public async Task A_refusal_at_the_last_steps_try_is_dead_lettered_with_its_status_and_not_sent_again()
    {
        DeliveryResult refusal = DeliveryResult.Failure(422, retryable: false, $"POST {Reply} answered 422") with { ResponseData = "b29wcw==" };
        var hops = new RecordingHops((hop, json, _) => hop.Index == 1 && RecordingHops.IdOf(json) == "a"
            ? Answer(hop, json) with { ReplyGivenUp = refusal.Error, ReplyRefusal = refusal }
            : Answer(hop, json));

        RunOutcome outcome = await RunAsync(WithSink, hops, "a", "b");

        Assert.Equal(["b"], Assert.Single(hops.Replies));
        Assert.Null(Assert.Single(hops.ReplyRefused));
        DeadLetterInput dead = Assert.Single(hops.DeadLetters);
        Assert.Equal(("a@0", 422, "b29wcw=="), (Data(dead.Event), dead.Failure.StatusCode, dead.Failure.ResponseData));
        Assert.Equal(new RunOutcome(2, 1, 0, 1), outcome);
    }

    [Fact]
    public async Task A_reply_a_flow_or_Broker_did_not_take_dead_letters_every_event_it_carried()
    {
        var hops = new RecordingHops((hop, json, _) => Answer(hop, json)) { ReplyOutcome = input => ReplyOutcome.Undelivered(input.Events.Count, "Broker default did not take them") };

        RunOutcome outcome = await RunAsync(WithSink, hops, "a", "b");

        Assert.Equal(["a@0", "b@0"], hops.DeadLetters.Select(d => Data(d.Event)).Order(StringComparer.Ordinal));
        Assert.All(hops.DeadLetters, d => Assert.Contains("Broker default did not take them", d.Failure.Error, StringComparison.Ordinal));
        Assert.Equal(new RunOutcome(2, 0, 0, 2), outcome);
    }

    [Fact]
    public async Task Without_a_sink_on_the_last_step_the_replys_failure_fails_the_run()
    {
        var hops = new RecordingHops((hop, json, _) => Answer(hop, json)) { ReplyFailure = new InvalidOperationException("down") };

        string withoutSink = WithSink.Replace("      delivery: { deadLetterSink: { uri: http://dls.local/ } }\n", "", StringComparison.Ordinal);
        Assert.NotEqual(WithSink, withoutSink);

        await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(withoutSink, hops, "a"));

        Assert.Empty(hops.DeadLetters);
    }

    [Fact]
    public async Task A_refusal_is_dead_lettered_beside_the_others_tries_counted_as_one_try()
    {
        var gate = new TaskCompletionSource<ReplyOutcome>();
        var hops = new RecordingHops((hop, json, _) => hop.Index == 1 && RecordingHops.IdOf(json) == "a"
            ? Answer(hop, json) with { ReplyGivenUp = "refused", ReplyRefusal = DeliveryResult.Failure(422, retryable: false, "refused") }
            : Answer(hop, json));
        hops.ReplyOutcomeAsync = _ => gate.Task;

        Task<RunOutcome> run = RunAsync(WithSink, hops, "a", "b");

        Assert.Equal("a@0", Data(Assert.Single(hops.DeadLetters).Event)); // while b's reply is still being tried
        HopAttempt refusal = hops.Reported!.Attempts[^1];
        Assert.Equal(($"step 1 reply ({Reply})", 1), (refusal.Hop, refusal.Attempt));
        gate.SetResult(ReplyOutcome.Delivered);
        Assert.Equal(new RunOutcome(2, 1, 0, 1), await run);
    }

    [Fact]
    public async Task A_sink_that_refuses_the_dead_letter_too_fails_the_run_naming_the_reply()
    {
        var hops = new RecordingHops((hop, json, _) => Answer(hop, json))
        {
            ReplyOutcome = input => ReplyOutcome.Undelivered(input.Events.Count, "down"),
            DeadLetterAnswer = _ => DeliveryResult.Failure(400, retryable: false, "POST http://dls.local/ answered 400"),
        };

        RunOutcome outcome = await RunAsync(WithSink, hops, "a");

        DeliveryFailedException failed = Assert.Throws<DeliveryFailedException>(() => DeliveryFailedException.ThrowIfFailed(outcome, "of Sequence seq"));

        Assert.Contains($"Sequence seq step 1 reply ({Reply})", failed.Message, StringComparison.Ordinal);
        Assert.Equal(HopFate.DeadLetterFailed, Assert.Single(hops.Reported!.Attempts[^1].Failed).Fate);
    }

    private static Task<RunOutcome> RunAsync(string yaml, RecordingHops hops, params string[] ids)
    {
        ManifestSet manifests = new ManifestLoader().LoadText(yaml, "seq.yaml").EnsureValid();
        return SequencePipeline.RunAsync(manifests, new SequenceRun("seq", [.. ids.Select(id => new RunEvent(Event(id, id)))]), hops);
    }

    /// <summary>A step's answer: the event with the step's index appended to its data.</summary>
    private static DeliveryResult Answer(Hop hop, string json)
    {
        CloudEvent cloudEvent = CloudEventJson.Decode(json);
        return DeliveryResult.Success(Event(cloudEvent.Id!, hop.Index == 0 ? $"{cloudEvent.Data}@0" : $"{cloudEvent.Data}@1"));
    }

    private static DeliveryResult Unavailable() => DeliveryResult.Failure(503, retryable: true, $"POST {Reply} answered 503 Service Unavailable");

    private static string? Data(string json) => CloudEventJson.Decode(json).Data?.ToString();

    private static string Event(string id, string data) =>
        CloudEventJson.Encode(new CloudEvent { Id = id, Source = new Uri("/test", UriKind.Relative), Type = "test", DataContentType = "text/plain", Data = data });
}
