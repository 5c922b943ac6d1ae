using FunctionsSequence.Core.Inspection;

namespace FunctionsSequence.IntegrationTests;

/// <summary>A Sequence's reply through a running fseq: tried again when unavailable, per event to a URI, given up when refused or never taken, and then dead-lettered when the last step has a sink.</summary>
public sealed partial class DeliveryTests
{
    [Theory]
    [InlineData("flaky-reply")]
    [InlineData("flaky-reply-in-one-checkpoint")]
    public async Task A_reply_whose_destination_is_unavailable_for_a_moment_is_tried_again_and_the_run_completes(string sequence)
    {
        string id = await Post($"/api/sequences/{sequence}");

        await steps.WaitAtAsync("/flaky-dls", id);
        await Settle();

        Assert.Equal(3, steps.AttemptsOf("/flaky-dls", id).Count); // 503, 503, then taken
        Assert.Single(steps.At("/flaky-dls", id));
        await Fseq.WaitForLogAsync($"reply to {new Uri(steps.BaseAddress, "/flaky-dls")} failed for event {id}: ");
    }

    [Fact]
    public Task A_reply_destination_that_fails_one_event_of_a_run_is_sent_only_that_event_again() =>
        PartlyFailedReply.AssertOnlyTheFailedEventIsSentAgainAsync(Http, steps, TimeSpan.FromSeconds(1.5));

    [Fact]
    public Task A_reply_refused_for_one_event_of_a_run_still_tries_the_others_and_fails_the_run_naming_it() =>
        PartlyFailedReply.AssertARefusalBesideStopsNoOtherEventsTriesAsync(Http, steps);

    [Fact]
    public async Task A_reply_refused_as_Knative_does_not_retry_is_tried_once_and_fails_the_run()
    {
        string id = await Post("/api/sequences/refused-reply");

        RunDetail run = await FailedRuns.WaitAsync(Http, id, TimeSpan.FromSeconds(30));
        await Settle();

        Assert.Single(steps.AttemptsOf("/reject", id)); // 422: sending the reply again would only be refused again
        Assert.StartsWith($"the reply failed: 1 of 1 event(s) not delivered; 1 refused (event {id}: ", run.Run.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_never_taken_is_tried_5_times_and_the_runs_failure_counts_them()
    {
        string id = await Post("/api/sequences/down-reply");

        RunDetail run = await FailedRuns.WaitAsync(Http, id, TimeSpan.FromSeconds(60));
        await Settle();

        DeliveryScenario.AssertReplyGivenUpAfterEveryTry(run, steps, id);
    }

    [Theory]
    [InlineData("down-reply-dead-lettered", 5)]
    [InlineData("down-reply-dead-lettered-in-one-checkpoint", 4)]
    public async Task A_reply_never_taken_sends_the_last_steps_input_to_its_dead_letter_sink_and_the_run_completes(string sequence, int tries) =>
        await DeadLetteredReply.AssertAsync(Http, steps, await Post($"/api/sequences/{sequence}"), "/down", 503, tries, data: null, line => Fseq.WaitForLogAsync(line));

    [Fact]
    public async Task A_last_step_with_no_reply_answering_an_invalid_cloudevent_is_through_as_Knative_reads_no_answer_there() =>
        await UnsentAnswer.AssertAsync(Http, steps, await Post($"/api/sequences/{UnsentAnswer.Sequence}"), line => Fseq.WaitForLogAsync(line));

    [Fact]
    public async Task A_reply_refused_sends_the_last_steps_input_to_its_dead_letter_sink_at_once() =>
        await DeadLetteredReply.AssertAsync(Http, steps, await Post("/api/sequences/refused-reply-dead-lettered"), "/reject", 422, tries: 1, data: "nope", line => Fseq.WaitForLogAsync(line));
}
