using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Flows;
using FunctionsSequence.Core.Parallels;
using FunctionsSequence.Core.Tests.Flows;

namespace FunctionsSequence.Core.Tests.Parallels;

/// <summary>
/// Knative's Parallel: every event down every branch; a filter passes the event it answers with
/// and drops on no answer or a failure; the subscriber's answers go to the branch's reply, else
/// the Parallel's; one branch failing holds back no other.
/// </summary>
public sealed class ParallelOrchestrationTests
{
    private static readonly ManifestSet Manifests = FunctionsSequence.Core.Tests.Manifests.Load(
        """
        apiVersion: flows.knative.dev/v1
        kind: Parallel
        metadata: { name: par }
        spec:
          branches:
            - filter: { uri: http://filter-0.local/ }
              subscriber: { uri: http://sub-0.local/ }
            - subscriber: { uri: http://sub-1.local/ }
              reply: { uri: http://reply-1.local/ }
              delivery:
                retry: 1
                backoffDelay: PT1S
                backoffPolicy: exponential
            - filter: { uri: http://filter-2.local/ }
              subscriber: { uri: http://sub-2.local/ }
              delivery:
                deadLetterSink: { uri: http://dls.local/ }
          reply: { uri: http://reply.local/ }
        """).EnsureValid();

    private readonly RecordingHops hops = new((hop, json, _) => DeliveryResult.Success(Answer(json, RecordingHops.Label(hop))));

    private static string Event(string id) => CloudEventJson.Encode(new CloudEvent
    {
        Id = id,
        Source = new Uri("/test", UriKind.Relative),
        Type = "test",
        DataContentType = "text/plain",
        Data = id,
    });

    /// <summary>The event of <paramref name="json"/>, its data marked by <paramref name="by"/>.</summary>
    private static string Answer(string json, string by)
    {
        CloudEvent cloudEvent = CloudEventJson.Decode(json);
        cloudEvent.Data = $"{cloudEvent.Data} by {by}";
        return CloudEventJson.Encode(cloudEvent);
    }

    private Task<RunOutcome> Run(params string[] ids) =>
        ParallelOrchestration.RunAsync(Manifests, new ParallelRun("par", [.. ids.Select(id => new RunEvent(Event(id)))]), hops);

    [Fact]
    public async Task Every_event_goes_down_every_branch_and_each_branch_replies_where_it_says()
    {
        hops.Answer = (hop, json, _) => hop == Hop.Filter("par", 0) && RecordingHops.IdOf(json) == "b"
            ? DeliveryResult.Success(null)
            : DeliveryResult.Success(Answer(json, RecordingHops.Label(hop)));

        RunOutcome outcome = await Run("a", "b");

        Assert.Equal(["b0:a", "b1:a,b", "b2:a,b", "f0:a,b", "f2:a,b"], hops.Calls.Order(StringComparer.Ordinal));
        Assert.Equal(["b0", "b1", "b2"], hops.ThenReply.Order(StringComparer.Ordinal)); // a branch's subscriber is its last hop, never its filter
        Assert.Equal(
            ["a by f0 by b0", "a by b1", "b by b1", "a by f2 by b2", "b by f2 by b2"],
            hops.ReplyData.OrderBy(d => d.Contains("b0", StringComparison.Ordinal) ? 0 : d.Contains("b1", StringComparison.Ordinal) ? 1 : 2).ThenBy(d => d, StringComparer.Ordinal));
        Assert.Equal(
            [("http://reply.local/", "a"), ("http://reply-1.local/", "a,b"), ("http://reply.local/", "a,b")],
            hops.RepliesFrom.OrderBy(r => r.From.Index).Select(r => (Manifests.ReplyOf(r.From)!.ToString(), string.Join(',', r.Ids))));
        Assert.Equal(new RunOutcome(6, 5, 1, 0), outcome);
    }

    [Fact]
    public async Task A_failing_filter_drops_the_event_from_its_branch_once_without_retry()
    {
        hops.Answer = (hop, json, _) => hop.Role == HopRole.Filter && RecordingHops.IdOf(json) == "a"
            ? DeliveryResult.Failure(503, retryable: true, "filter down")
            : DeliveryResult.Success(Answer(json, RecordingHops.Label(hop)));

        RunOutcome outcome = await Run("a", "b");

        Assert.Equal(1, hops.Calls.Count(c => c.StartsWith("f0:", StringComparison.Ordinal)));
        Assert.Contains("b0:b", hops.Calls);
        Assert.Contains("b2:b", hops.Calls);
        Assert.Empty(hops.Waits);
        Assert.Equal(new RunOutcome(6, 4, 2, 0), outcome);
        Assert.Contains("Parallel par branch 0 filter failed (status 503: filter down): event a does not take this branch", hops.Log.Lines);
    }

    [Fact]
    public async Task A_branch_that_fails_for_good_holds_back_no_other_and_its_delivery_decides_retry_and_dead_letter()
    {
        hops.Answer = (hop, json, _) => hop.Role == HopRole.Subscriber && hop.Index is 1 or 2
            ? DeliveryResult.Failure(500, retryable: true, $"branch {hop.Index} down")
            : DeliveryResult.Success(Answer(json, RecordingHops.Label(hop)));

        RunOutcome outcome = await Run("a");

        Assert.Equal(2, hops.Calls.Count(c => c == "b1:a")); // retry: 1
        Assert.Equal([TimeSpan.FromSeconds(1)], hops.Waits);
        Assert.Equal(1, hops.Calls.Count(c => c == "b2:a")); // no retry, then its dead-letter sink
        DeadLetterInput dead = Assert.Single(hops.DeadLetters);
        Assert.Equal((Hop.Branch("par", 2), "http://sub-2.local/", "http://dls.local/"), (dead.Hop, dead.FailedDestination, Manifests.DeliveryOf(dead.Hop)!.DeadLetterSink!.ToString()));
        Assert.Equal("a by f2", CloudEventJson.Decode(dead.Event).Data); // what the subscriber was given: the filter's answer
        Assert.Equal(["a by f0 by b0"], hops.ReplyData);
        Assert.Equal((3, 1, 0, 1), (outcome.Events, outcome.Delivered, outcome.EndedEarly, outcome.DeadLettered));
        Assert.Equal("event a (Parallel par branch 1 (http://sub-1.local/)): branch 1 down", Assert.Single(outcome.Failures));
        DeliveryFailedException failed = Assert.Throws<DeliveryFailedException>(() => ParallelOrchestration.ThrowIfFailed(Manifests.RequireParallel("par"), new ParallelRun("par", [new RunEvent(Event("a"))]), outcome));
        Assert.StartsWith("1 of 3 deliveries (1 event(s) down 3 branch(es)) of Parallel par failed for good, neither delivered nor dead-lettered; ", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_given_up_sends_what_the_branchs_subscriber_was_given_to_the_branchs_dead_letter_sink()
    {
        hops.ReplyOutcome = input => input.From == Hop.Branch("par", 2)
            ? new([DeliveryResult.Failure(503, retryable: true, "POST http://reply.local/ answered 503")])
            : ReplyOutcome.Delivered;

        RunOutcome outcome = await Run("a");

        DeadLetterInput dead = Assert.Single(hops.DeadLetters);
        Assert.Equal((Hop.Branch("par", 2), "http://reply.local/", 503), (dead.Hop, dead.FailedDestination, dead.Failure.StatusCode));
        Assert.Equal("a by f2", CloudEventJson.Decode(dead.Event).Data); // the filter's answer, which the subscriber was given
        Assert.Equal(new RunOutcome(3, 2, 0, 1), outcome);
    }
}
