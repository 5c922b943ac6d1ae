using System.Net.Http.Json;
using System.Text;
using FunctionsSequence.Core.Inspection;
using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Delivery;

/// <summary>
/// Knative's delivery rules on the Functions host (IntegrationTests.DeliveryTests, the cases that
/// matter): retries on 5xx with back-off, none on 422, per-attempt timeouts, dead-letter sinks with
/// the knativeerror* extensions, replies routed through a Broker; each event reaches the sink or the
/// dead-letter sink once, also when the events of a burst share runs.
/// </summary>
[Collection(DeliveryHostGroup.Name)]
public sealed class DeliveryTests(DeliveryHost fixture)
{
    private StepServer Steps => fixture.Steps;

    private static Task Settle() => Task.Delay(TimeSpan.FromSeconds(2));

    private async Task<string> Post(string path, string type = "test.event")
    {
        string id = "d-" + Guid.NewGuid().ToString("N");
        using HttpRequestMessage request = CloudEventRequests.Binary(path, id, type, "/host-delivery-tests", """{"message":"hi"}""");
        using HttpResponseMessage response = await fixture.Host.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return id;
    }

    /// <summary>Posts <paramref name="count"/> events at once, waits until each has reached <paramref name="reachedAt"/>, then settles.</summary>
    private async Task<string[]> BurstAsync(string path, int count, string reachedAt, string type = "test.event")
    {
        string[] ids = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Post(path, type)));
        foreach (string id in ids)
        {
            await Steps.WaitAtAsync(reachedAt, id);
        }

        await Settle();
        return ids;
    }

    [SkippableFact]
    public async Task A_step_with_format_json_gets_structured_mode_and_a_429s_retry_after_is_waited_up_to_retry_after_max()
    {
        string id = await Post("/api/sequences/busy-structured");

        await Steps.WaitAtAsync("/sink", id);
        await Settle();

        DeliveryScenario.AssertRetriedAfterAskedInStructuredMode(Steps, id);
    }

    [SkippableFact]
    public async Task Step_that_fails_twice_then_succeeds_is_retried_with_linear_backoff_and_reaches_the_sink_once()
    {
        string id = await Post("/api/sequences/flaky-linear");

        (var headers, string body) = await Steps.WaitAtAsync("/sink", id);
        await Settle();

        Assert.Equal("test.flaky.done", headers["ce-type"]);
        Assert.Contains("made it", body, StringComparison.Ordinal);
        Assert.Equal(("default", null), (headers["kn-namespace"], headers.GetValueOrDefault("prefer"))); // a reply, from the Sequence's namespace
        IReadOnlyList<DateTimeOffset> attempts = Steps.AttemptsOf("/flaky", id);
        Assert.Equal(3, attempts.Count);
        // linear, n from 0: the first retry at once, the second after 0.3 s (a durable timer on the host).
        Assert.True(attempts[2] - attempts[1] >= TimeSpan.FromMilliseconds(280), $"second retry {Gaps(attempts)} after the first, expected at least 0.3 s");
        Assert.Single(Steps.At("/sink", id));
        Assert.Empty(Steps.At("/dls", id));
    }

    [SkippableFact]
    public async Task Exponential_backoff_of_whole_seconds_doubles_the_delay()
    {
        string id = await Post("/api/sequences/flaky-exponential");

        await Steps.WaitAtAsync("/sink", id);

        IReadOnlyList<DateTimeOffset> attempts = Steps.AttemptsOf("/flaky", id);
        Assert.Equal(3, attempts.Count);
        Assert.True(attempts[1] - attempts[0] >= TimeSpan.FromMilliseconds(950), $"retries {Gaps(attempts)} after the attempt before, expected at least 1 s then 2 s");
        Assert.True(attempts[2] - attempts[1] >= TimeSpan.FromMilliseconds(1950), $"retries {Gaps(attempts)} after the attempt before, expected at least 1 s then 2 s");
    }

    [SkippableFact]
    public async Task In_a_burst_events_share_runs_yet_each_is_retried_on_its_own_and_reaches_the_sink_once()
    {
        string[] ids = await BurstAsync("/api/sequences/flaky-linear", 20, reachedAt: "/sink");

        Assert.NotEmpty(fixture.Host.Log.Lines("orchestration with ID 'seqb:flaky-linear:")); // a shared run
        Assert.All(ids, id =>
        {
            Assert.Equal(3, Steps.AttemptsOf("/flaky", id).Count);
            Assert.Single(Steps.At("/sink", id));
            Assert.Empty(Steps.At("/dls", id));
        });
    }

    [SkippableFact]
    public async Task Step_that_answers_422_is_not_retried_and_its_input_goes_to_the_dead_letter_sink_once()
    {
        string id = await Post("/api/sequences/rejecting");

        (var headers, string body) = await Steps.WaitAtAsync("/dls", id);
        await Settle();

        Assert.Single(Steps.AttemptsOf("/reject", id));
        Assert.Single(Steps.At("/dls", id));
        Assert.Empty(Steps.At("/sink", id));
        Assert.Equal(("default", null), (headers["kn-namespace"], headers.GetValueOrDefault("prefer"))); // the Sequence's namespace; a dead-letter sink is not asked for a reply
        Assert.Equal("test.event", headers["ce-type"]); // the step's input, unchanged
        Assert.Contains("\"message\":\"hi\"", body, StringComparison.Ordinal);
        Assert.Equal(new Uri(Steps.BaseAddress, "/reject").ToString(), headers["ce-knativeerrordest"]);
        Assert.Equal("422", headers["ce-knativeerrorcode"]);
        Assert.Equal("nope", Encoding.UTF8.GetString(Convert.FromBase64String(headers["ce-knativeerrordata"])));
    }

    [SkippableFact]
    public async Task Step_that_answers_a_redirect_is_not_followed_and_its_input_goes_to_the_dead_letter_sink_once()
    {
        string id = await Post("/api/sequences/redirected");

        (var headers, _) = await Steps.WaitAtAsync("/dls", id);
        await Settle();

        Assert.Equal("307", headers["ce-knativeerrorcode"]);
        Assert.Single(Steps.AttemptsOf("/moved", id)); // a 3xx is not retried
        Assert.Empty(Steps.At("/sink", id)); // nor followed: the Location is the sink
    }

    [SkippableFact]
    public async Task The_senders_w3c_trace_context_travels_with_the_event_to_the_dead_letter_sink()
    {
        // Knative's data plane passes the W3C trace context through; this host exports no traces.
        string id = "d-" + Guid.NewGuid().ToString("N");
        using HttpRequestMessage request = CloudEventRequests.Binary("/api/sequences/rejecting", id, "test.event", "/host-delivery-tests", """{"message":"hi"}""");
        request.Headers.TryAddWithoutValidation("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        request.Headers.TryAddWithoutValidation("tracestate", "congo=t61rcWkgMzE");
        using HttpResponseMessage response = await fixture.Host.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}");

        (var headers, _) = await Steps.WaitAtAsync("/dls", id);

        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", headers.GetValueOrDefault("traceparent"));
        Assert.Equal("congo=t61rcWkgMzE", headers.GetValueOrDefault("tracestate"));
    }

    [SkippableFact]
    public async Task Delivery_rules_hold_when_the_sequence_checkpoints_once()
    {
        string id = await Post("/api/sequences/rejecting-in-one-checkpoint");

        (var headers, _) = await Steps.WaitAtAsync("/dls", id);
        await Settle();

        Assert.Equal(3, Steps.AttemptsOf("/flaky", id).Count); // retried in the one activity until it answered
        Assert.Single(Steps.AttemptsOf("/reject", id)); // 422: not retried
        Assert.Equal("test.flaky.done", headers["ce-type"]); // the failed step's input: the first step's output
        Assert.Equal("422", headers["ce-knativeerrorcode"]);
        Assert.Single(Steps.At("/dls", id));
        Assert.Empty(Steps.At("/sink", id));
    }

    [SkippableFact]
    public async Task Step_that_answers_after_its_timeout_is_retried_then_dead_lettered_once()
    {
        string id = await Post("/api/sequences/slow");

        (var headers, _) = await Steps.WaitAtAsync("/dls", id);
        await Settle();

        Assert.Equal(2, Steps.AttemptsOf("/slow", id).Count);
        Assert.Single(Steps.At("/dls", id));
        Assert.Empty(Steps.At("/sink", id));
        Assert.Equal("500", headers["ce-knativeerrorcode"]); // no answer in time: Knative's dispatcher records 500
    }

    [SkippableFact]
    public async Task An_event_whose_dead_letter_sink_fails_too_fails_its_run_and_its_record_says_so()
    {
        string id = await Post("/api/sequences/failing-dead-letter-sink");

        RunDetail run = await FailedRuns.WaitAsync(fixture.Host.Http, id, TimeSpan.FromSeconds(60));

        Assert.Equal(2, Steps.AttemptsOf("/reject", id).Count); // the step, then the sink
        FailedRuns.AssertDeadLetterSinkFailed(run, Steps.BaseAddress, id);
        Assert.True(await FailedRuns.AmongDeadLettersAsync(fixture.Host.Http, id), $"event {id} is not among the dead letters");
        // The sink's refusal is the dead-letter activity's result, not an exception the host logs with its stack traces.
        Assert.Empty(fixture.Host.Log.Messages("Executed 'Functions.DeadLetter' (Failed"));
    }

    [SkippableFact]
    public async Task A_reply_whose_destination_is_unavailable_for_a_moment_is_tried_again_and_the_run_completes()
    {
        string id = await Post("/api/sequences/flaky-reply");

        await Steps.WaitAtAsync("/flaky-dls", id);
        await Settle();

        Assert.Equal(3, Steps.AttemptsOf("/flaky-dls", id).Count); // 503 at the last step's one try, then 503 and taken by the reply's own activity
        Assert.Single(Steps.At("/flaky-dls", id));
    }

    [SkippableFact]
    public Task A_reply_destination_that_fails_one_event_of_a_run_is_sent_only_that_event_again() =>
        PartlyFailedReply.AssertOnlyTheFailedEventIsSentAgainAsync(fixture.Host.Http, Steps, TimeSpan.FromSeconds(2));

    [SkippableFact]
    public Task A_reply_refused_for_one_event_of_a_run_still_tries_the_others_and_fails_the_run_naming_it() =>
        PartlyFailedReply.AssertARefusalBesideStopsNoOtherEventsTriesAsync(fixture.Host.Http, Steps);

    [SkippableFact]
    public Task A_retry_waiting_its_back_off_when_the_host_restarts_is_made_when_due_after_it_starts_again() =>
        WaitingRetry.AssertMadeAfterRestartAsync(
            fixture.Host.Http, Steps, text => fixture.Host.Log.WaitForLineAsync(text), fixture.Host.StopAsync, fixture.Host.StartAgainAsync, TimeSpan.FromSeconds(2));

    [SkippableFact]
    public async Task A_reply_refused_as_Knative_does_not_retry_is_tried_once_and_fails_the_run()
    {
        string id = await Post("/api/sequences/refused-reply");

        RunDetail run = await FailedRuns.WaitAsync(fixture.Host.Http, id, TimeSpan.FromSeconds(60));
        await Settle();

        Assert.Single(Steps.AttemptsOf("/reject", id)); // 422: the last step's activity gives the reply up at once, and the run fails with it
        Assert.StartsWith($"the reply failed: 1 of 1 event(s) not delivered; 1 refused (event {id}: ", run.Run.Failure, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_reply_never_taken_is_tried_5_times_and_the_runs_failure_counts_them()
    {
        string id = await Post("/api/sequences/down-reply");

        RunDetail run = await FailedRuns.WaitAsync(fixture.Host.Http, id, TimeSpan.FromSeconds(90));
        await Settle();

        DeliveryScenario.AssertReplyGivenUpAfterEveryTry(run, Steps, id);
    }

    [SkippableTheory]
    [InlineData("down-reply-dead-lettered", 5)]
    [InlineData("down-reply-dead-lettered-in-one-checkpoint", 4)]
    public async Task A_reply_never_taken_sends_the_last_steps_input_to_its_dead_letter_sink_and_the_run_completes(string sequence, int tries) =>
        await DeadLetteredReply.AssertAsync(fixture.Host.Http, Steps, await Post($"/api/sequences/{sequence}"), "/down", 503, tries, data: null, line => fixture.Host.Log.WaitForLineAsync(line));

    [SkippableFact]
    public async Task A_reply_refused_sends_the_last_steps_input_to_its_dead_letter_sink_at_once() =>
        await DeadLetteredReply.AssertAsync(fixture.Host.Http, Steps, await Post("/api/sequences/refused-reply-dead-lettered"), "/reject", 422, tries: 1, data: "nope", line => fixture.Host.Log.WaitForLineAsync(line));

    [SkippableFact]
    public async Task A_dead_letter_sink_that_is_unavailable_is_retried_with_the_steps_delivery_and_takes_the_event()
    {
        string id = await Post("/api/sequences/flaky-dead-letter-sink");

        (var headers, _) = await Steps.WaitAtAsync("/flaky-dls", id);
        await Settle();

        Assert.Single(Steps.AttemptsOf("/reject", id)); // 422: the step is not retried
        IReadOnlyList<DateTimeOffset> attempts = Steps.AttemptsOf("/flaky-dls", id);
        Assert.Equal(3, attempts.Count);
        // linear PT0.3S, as the step's own retries: a durable timer before the second retry.
        Assert.True(attempts[2] - attempts[1] >= TimeSpan.FromMilliseconds(280), $"second retry {Gaps(attempts)} after the first, expected at least 0.3 s");
        Assert.Single(Steps.At("/flaky-dls", id));
        Assert.Equal("422", headers["ce-knativeerrorcode"]);
        Assert.Empty(fixture.Host.Log.Messages("Executed 'Functions.DeadLetter' (Failed"));
    }

    [SkippableFact]
    public async Task Without_a_dead_letter_sink_the_failure_is_logged_with_the_event_id()
    {
        string id = await Post("/api/sequences/no-dead-letter");

        // The orchestration's own error line (DeliveryLog.Failed), or the host's record of the orchestration's exception.
        string failure = $"Sequence no-dead-letter step 0 ({new Uri(Steps.BaseAddress, "/reject")}) failed after 1 attempt(s)";
        await fixture.Host.Log.WaitForLineAsync(failure, TimeSpan.FromSeconds(30));
        await Settle();

        Assert.Single(Steps.AttemptsOf("/reject", id));
        IReadOnlyList<string> failures = fixture.Host.Log.Messages(failure);
        Assert.True(
            failures.Any(m => m.Contains(id, StringComparison.Ordinal)),
            $"no log message says that event {id} failed; the failure was logged as:\n{string.Join("\n", failures.Select(m => m.Split('\n')[0] + " " + m.Split('\n').ElementAtOrDefault(1)))}");
    }

    [SkippableFact]
    public async Task In_a_burst_into_a_broker_trigger_deliveries_are_retried_and_each_reply_is_routed_once()
    {
        // Reached the sink: the subscriber's reply, back through the Broker.
        string[] ids = await BurstAsync("/api/brokers/events", 10, reachedAt: "/sink", type: "test.flaky");

        Assert.All(ids, id =>
        {
            Assert.Equal(3, Steps.AttemptsOf("/flaky", id).Count);
            Assert.Equal("test.flaky.done", Assert.Single(Steps.At("/sink", id)).Headers["ce-type"]);
            Assert.Empty(Steps.At("/dls", id));
        });

        // The Trigger's runs are listed by its name; its reply's runs are another Trigger's.
        List<RunSummary> runs = await fixture.Host.Http.GetFromJsonAsync<List<RunSummary>>("/api/runs?trigger=to-flaky&limit=1000", InspectionApi.Json) ?? [];
        Assert.All(runs, r => Assert.Equal(("Trigger", "to-flaky"), (r.Kind, r.Target)));
        Assert.All(ids, id => Assert.Contains(runs, r => r.EventIds.Contains(id)));
    }

    [SkippableFact]
    public async Task Subscriber_replying_with_something_that_is_not_a_cloudevent_goes_to_the_brokers_dead_letter_sink_once()
    {
        string id = await Post("/api/brokers/events", type: "test.garbage");

        (var headers, _) = await Steps.WaitAtAsync("/dls", id);
        await Settle();

        Assert.Equal(3, Steps.AttemptsOf("/garbage", id).Count); // 502 is retried: retry 2 from the Broker
        Assert.Equal("502", headers["ce-knativeerrorcode"]);
        Assert.Single(Steps.At("/dls", id));
    }

    private static string Gaps(IReadOnlyList<DateTimeOffset> attempts) =>
        string.Join(" and ", attempts.Zip(attempts.Skip(1), (a, b) => $"{(b - a).TotalSeconds:0.000} s"));
}
