using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Flows;
using FunctionsSequence.Core.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsSequence.Core.Tests.Flows;

/// <summary>
/// The reply's activity for a run that dead-letters what it gives up (<see cref="ReplyInput.DeadLetters"/>): it returns
/// each event given up with its answer instead of failing; into a flow that does not take the events, the hops in one
/// activity (<c>checkpoint: sequence</c>) return them all after the tries; a stop dead-letters nothing.
/// </summary>
public sealed class DeadLetteredReplyActivityTests : IDisposable
{
    private const string Destination = "http://reply.local/in";

    private static readonly string UriReply = WithSink(Manifests.OneStepSequence($"{{ uri: \"{Destination}\" }}"));

    private static readonly string SequenceReply = WithSink(Manifests.OneStepSequenceReplyingToNext());

    private readonly LogLines log = new();

    public void Dispose() => log.Dispose();

    [Fact]
    public async Task Each_event_given_up_comes_back_with_its_answer_and_the_others_as_delivered()
    {
        var destination = new ReplyDestination(refuses: "r-bad", down: "r-down");
        using ServiceProvider services = FlowServices.Build(log, UriReply, http: destination);

        ReplyOutcome outcome = await services.GetRequiredService<HopActivities>().DeliverReplyAsync(Replies("r-1", "r-bad", "r-down"), client: null!);

        Assert.Equal([null, 422, 503], outcome.Failures.Select(f => f?.StatusCode));
        Assert.False(outcome.Failures[1]!.Retryable);
        Assert.Equal(["r-1", "r-bad", "r-down", "r-down", "r-down", "r-down"], destination.Received.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Without_the_runs_word_the_activity_fails_as_it_did_sink_or_not()
    {
        var destination = new ReplyDestination(refuses: "r-bad");
        using ServiceProvider services = FlowServices.Build(log, UriReply, http: destination);

        await Assert.ThrowsAsync<ReplyGivenUpException>(
            () => services.GetRequiredService<HopActivities>().DeliverReplyAsync(Replies("r-bad") with { DeadLetters = false }, client: null!));
    }

    [Fact]
    public async Task In_one_checkpoint_a_flow_that_does_not_take_the_reply_gives_every_event_up_after_the_tries()
    {
        var client = new FakeDurableClient { Failure = new InvalidOperationException("task hub out of reach") };
        using ServiceProvider services = FlowServices.Build(log, SequenceReply);

        ReplyOutcome outcome = await Hops(services, client, CancellationToken.None).DeliverReplyAsync(Replies("r-1", "r-2"));

        Assert.Equal(2, outcome.Failures.Count);
        Assert.All(outcome.Failures, f => Assert.Contains("task hub out of reach", f!.Error, StringComparison.Ordinal));
        Assert.Equal(ReplyRetry.MaxAttempts, client.ScheduleCalls);
    }

    [Fact]
    public async Task A_flow_start_that_timed_out_is_a_failure_to_dead_letter_not_a_stop()
    {
        var client = new FakeDurableClient { Failure = new TaskCanceledException("the reply's bound ran out") };
        using ServiceProvider services = FlowServices.Build(log, SequenceReply);

        ReplyOutcome outcome = await Hops(services, client, CancellationToken.None).DeliverReplyAsync(Replies("r-1"));

        Assert.Contains("the reply's bound ran out", Assert.Single(outcome.Failures)!.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_the_app_stops_a_flow_that_does_not_take_the_reply_gives_nothing_up_and_the_activity_runs_again()
    {
        var client = new FakeDurableClient { Failure = new InvalidOperationException("task hub out of reach") };
        using var lifetime = new StoppingLifetime();
        lifetime.Stop();
        using ServiceProvider services = FlowServices.Build(log, SequenceReply, lifetime: lifetime);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Hops(services, client, CancellationToken.None).DeliverReplyAsync(Replies("r-1")));
    }

    private static InProcessFlowHops Hops(ServiceProvider services, FakeDurableClient client, CancellationToken cancellationToken) =>
        new(services.GetRequiredService<HopActivities>(), services.GetRequiredService<DeadLetterActivity>(), client, "run-1", NullLogger.Instance, cancellationToken);

    private static string WithSink(string yaml)
    {
        string withSink = yaml.Replace("name: step-0 }\n", "name: step-0 }\n      delivery: { deadLetterSink: { uri: http://dls.local/ } }\n", StringComparison.Ordinal);
        Assert.NotEqual(yaml, withSink);
        return withSink;
    }

    private static ReplyInput Replies(params string[] ids) =>
        new(Hop.Step("seq", 0), [.. ids.Select(id => new RunEvent(CloudEventJson.Encode(Events.Json("""{"message": "m"}""", id: id))))], "run-1", DeadLetters: true);
}
