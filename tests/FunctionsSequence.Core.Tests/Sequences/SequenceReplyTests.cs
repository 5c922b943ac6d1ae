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
/// The last step's activity sends its answers to the Sequence's reply itself, saving the run a hop;
/// the run counts what the reply took, fails in the reply's words on what it gave up, and sends
/// what the step's activity could not by the reply's own activity.
/// </summary>
public sealed class SequenceReplyTests
{
    private static string Sequence(string? reply) =>
        $$"""
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: seq }
        spec:
          steps:
            - uri: http://step-0.local/
            - uri: http://step-1.local/

        """ + (reply is null ? "" : $"  reply: {reply}\n");

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // a history written by an earlier build: the replied result still holds its answer
    public async Task Only_the_last_step_is_asked_to_reply_and_what_it_replied_is_delivered_not_sent_again(bool answerCarried)
    {
        var hops = new RecordingHops((hop, json, _) => hop.Index == 1 ? Answer(json) with { Replied = true, Reply = answerCarried ? Answer(json).Reply : null } : Answer(json));

        RunOutcome outcome = await RunAsync("{ uri: http://reply.local/ }", hops, "a", "b");

        Assert.Equal(["1"], hops.ThenReply);
        Assert.Empty(hops.Replies);
        Assert.Equal(new RunOutcome(2, 2, 0, 0), outcome);
    }

    [Fact]
    public async Task What_the_last_step_could_not_send_goes_by_the_replys_own_activity()
    {
        var hops = new RecordingHops((_, json, _) => Answer(json));

        RunOutcome outcome = await RunAsync("{ uri: http://reply.local/ }", hops, "a", "b");

        Assert.Equal(["a", "b"], Assert.Single(hops.Replies));
        Assert.Equal([0], hops.ReplyAttempted);
        Assert.Equal(new RunOutcome(2, 2, 0, 0), outcome);
    }

    [Fact]
    public async Task The_replys_own_activity_is_told_the_tries_the_last_step_made()
    {
        var hops = new RecordingHops((hop, json, _) => hop.Index == 1 ? Answer(json) with { ReplyAttempts = 1 } : Answer(json));

        await RunAsync("{ uri: http://reply.local/ }", hops, "a", "b");

        Assert.Equal(["a", "b"], Assert.Single(hops.Replies));
        Assert.Equal([1], hops.ReplyAttempted);
    }

    [Fact]
    public async Task Of_a_run_the_reply_took_in_part_only_the_rest_goes_by_the_replys_own_activity()
    {
        var hops = new RecordingHops((hop, json, _) => hop.Index == 1 && RecordingHops.IdOf(json) == "a" ? Answer(json) with { Replied = true } : Answer(json));

        RunOutcome outcome = await RunAsync("{ uri: http://reply.local/ }", hops, "a", "b");

        Assert.Equal(["b"], Assert.Single(hops.Replies));
        Assert.Equal(new RunOutcome(2, 2, 0, 0), outcome);
    }

    [Fact]
    public async Task A_refusal_at_the_last_steps_try_goes_to_the_replys_own_activity_beside_its_event_with_the_others_left()
    {
        var hops = new RecordingHops((hop, json, _) => hop.Index == 1
            ? RecordingHops.IdOf(json) switch
            {
                "a" => Answer(json) with { ReplyGivenUp = "POST http://reply.local/ answered 422" },
                "b" => Answer(json) with { ReplyAttempts = 1 },
                _ => Answer(json) with { Replied = true },
            }
            : Answer(json));

        await RunAsync("{ uri: http://reply.local/ }", hops, "a", "b", "c");

        Assert.Equal(["a", "b"], Assert.Single(hops.Replies));
        Assert.Equal(["POST http://reply.local/ answered 422", null], Assert.Single(hops.ReplyRefused));
        Assert.Equal([1], hops.ReplyAttempted);
        Assert.Equal([3], hops.ReplyAnswered); // c, which the last step's try delivered, counted in the run's failure

    }

    [Fact]
    public async Task Without_a_reply_no_step_is_asked_to_reply()
    {
        var hops = new RecordingHops((_, json, _) => Answer(json));

        RunOutcome outcome = await RunAsync(reply: null, hops, "a");

        Assert.Empty(hops.ThenReply);
        Assert.Empty(hops.Replies);
        Assert.Equal(new RunOutcome(1, 1, 0, 0), outcome);
    }

    private static Task<RunOutcome> RunAsync(string? reply, RecordingHops hops, params string[] ids)
    {
        ManifestSet manifests = new ManifestLoader().LoadText(Sequence(reply), "seq.yaml").EnsureValid();
        return SequencePipeline.RunAsync(manifests, new SequenceRun("seq", [.. ids.Select(id => new RunEvent(Event(id)))]), hops);
    }

    private static DeliveryResult Answer(string json) => DeliveryResult.Success(json);

    private static string Event(string id) =>
        CloudEventJson.Encode(new CloudEvent { Id = id, Source = new Uri("/test", UriKind.Relative), Type = "test", DataContentType = "text/plain", Data = id });
}
