using System.Text;
using FunctionsSequence.Core.Inspection;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// Knative's delivery rules through a running fseq: retries on 5xx, none on 422, per-attempt
/// timeouts, back-off, dead-letter sinks with the knativeerror* extensions, each event delivered
/// once to the sink or the dead-letter sink.
/// </summary>
public sealed partial class DeliveryTests(StepServer steps) : IClassFixture<StepServer>, IAsyncLifetime
{
    private ManifestRun? run;

    private FseqProcess Fseq => run!.Fseq;

    private HttpClient Http => run!.Http;

    public async Task InitializeAsync()
    {
        run = await ManifestRun.StartAsync(DeliveryScenario.Manifest(steps, TimeSpan.FromSeconds(0.3)));
    }

    public async Task DisposeAsync()
    {
        if (run is not null)
        {
            await run.DisposeAsync();
        }
    }

    private async Task<string> Post(string path, string type = "test.event")
    {
        string id = "d-" + Guid.NewGuid().ToString("N");
        using HttpRequestMessage request = CloudEventRequests.Binary(path, id, type, "/delivery-tests", """{"message":"hi"}""");
        using HttpResponseMessage response = await Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return id;
    }

    private static async Task Settle() => await Task.Delay(TimeSpan.FromSeconds(1.5));

    /// <summary>Posts <paramref name="count"/> events at once, waits until each has reached <paramref name="reachedAt"/>, then settles.</summary>
    private async Task<string[]> BurstAsync(string path, int count, string reachedAt, string type = "test.event")
    {
        string[] ids = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Post(path, type)));
        foreach (string id in ids)
        {
            await steps.WaitAtAsync(reachedAt, id);
        }

        await Settle();
        return ids;
    }

    [Fact]
    public async Task A_step_with_format_json_gets_structured_mode_and_a_429s_retry_after_is_waited_up_to_retry_after_max()
    {
        string id = await Post("/api/sequences/busy-structured");

        await steps.WaitAtAsync("/sink", id);
        await Settle();

        DeliveryScenario.AssertRetriedAfterAskedInStructuredMode(steps, id);
    }

    [Fact]
    public async Task Step_that_fails_twice_then_succeeds_is_retried_with_linear_backoff_and_reaches_the_sink_once()
    {
        string id = await Post("/api/sequences/flaky-linear");

        (var headers, string body) = await steps.WaitAtAsync("/sink", id);
        await Settle();

        Assert.Equal("test.flaky.done", headers["ce-type"]);
        Assert.Contains("made it", body, StringComparison.Ordinal);
        IReadOnlyList<DateTimeOffset> attempts = steps.AttemptsOf("/flaky", id);
        Assert.Equal(3, attempts.Count);
        // linear, n from 0: the first retry at once, the second after 0.3 s.
        Assert.True(attempts[2] - attempts[1] >= TimeSpan.FromMilliseconds(280), $"{attempts[2] - attempts[1]}");
        Assert.Single(steps.At("/sink", id));
        Assert.Empty(steps.At("/dls", id));
    }

    [Fact]
    public async Task In_a_burst_events_share_runs_yet_each_is_retried_on_its_own_and_reaches_the_sink_once()
    {
        string[] ids = await BurstAsync("/api/sequences/flaky-linear", 40, reachedAt: "/sink");

        await Fseq.WaitForLogAsync("events share run seqb:flaky-linear:");
        Assert.All(ids, id =>
        {
            Assert.Equal(3, steps.AttemptsOf("/flaky", id).Count);
            Assert.Single(steps.At("/sink", id));
            Assert.Empty(steps.At("/dls", id));
        });
    }

    [Fact]
    public async Task Exponential_backoff_doubles_the_delay()
    {
        string id = await Post("/api/sequences/flaky-exponential");

        await steps.WaitAtAsync("/sink", id);

        IReadOnlyList<DateTimeOffset> attempts = steps.AttemptsOf("/flaky", id);
        Assert.Equal(3, attempts.Count);
        Assert.True(attempts[1] - attempts[0] >= TimeSpan.FromMilliseconds(280), $"{attempts[1] - attempts[0]}");
        Assert.True(attempts[2] - attempts[1] >= TimeSpan.FromMilliseconds(580), $"{attempts[2] - attempts[1]}");
    }

    [Fact]
    public async Task Step_that_answers_422_is_not_retried_and_its_input_goes_to_the_dead_letter_sink_once()
    {
        string id = await Post("/api/sequences/rejecting");

        (var headers, string body) = await steps.WaitAtAsync("/dls", id);
        await Settle();

        Assert.Single(steps.AttemptsOf("/reject", id));
        Assert.Single(steps.At("/dls", id));
        Assert.Empty(steps.At("/sink", id));
        Assert.Equal("test.event", headers["ce-type"]); // the step's input, unchanged
        Assert.Contains("\"message\":\"hi\"", body, StringComparison.Ordinal);
        Assert.Equal(new Uri(steps.BaseAddress, "/reject").ToString(), headers["ce-knativeerrordest"]);
        Assert.Equal("422", headers["ce-knativeerrorcode"]);
        Assert.Equal("nope", Encoding.UTF8.GetString(Convert.FromBase64String(headers["ce-knativeerrordata"]!)));
    }

    [Fact]
    public async Task Delivery_rules_hold_when_the_sequence_checkpoints_once()
    {
        string id = await Post("/api/sequences/rejecting-in-one-checkpoint");

        (var headers, _) = await steps.WaitAtAsync("/dls", id);
        await Settle();

        Assert.Equal(3, steps.AttemptsOf("/flaky", id).Count); // retried in process until it answered
        Assert.Single(steps.AttemptsOf("/reject", id)); // 422: not retried
        Assert.Equal("test.flaky.done", headers["ce-type"]); // the failed step's input: the first step's output
        Assert.Equal("422", headers["ce-knativeerrorcode"]);
        Assert.Single(steps.At("/dls", id));
        Assert.Empty(steps.At("/sink", id));
    }

    [Fact]
    public async Task Delivery_rules_hold_for_each_event_of_a_burst_when_the_sequence_checkpoints_once()
    {
        string[] ids = await BurstAsync("/api/sequences/rejecting-in-one-checkpoint", 30, reachedAt: "/dls");

        await Fseq.WaitForLogAsync("share run seqb:rejecting-in-one-checkpoint:");
        Assert.All(ids, id =>
        {
            Assert.Equal(3, steps.AttemptsOf("/flaky", id).Count);
            Assert.Single(steps.AttemptsOf("/reject", id));
            Assert.Single(steps.At("/dls", id));
            Assert.Empty(steps.At("/sink", id));
        });
    }

    [Fact]
    public async Task Step_that_answers_after_its_timeout_is_retried_then_dead_lettered_once()
    {
        string id = await Post("/api/sequences/slow");

        (var headers, _) = await steps.WaitAtAsync("/dls", id);
        await Settle();

        Assert.Equal(2, steps.AttemptsOf("/slow", id).Count);
        Assert.Single(steps.At("/dls", id));
        Assert.Empty(steps.At("/sink", id));
        Assert.Equal("500", headers["ce-knativeerrorcode"]); // no answer in time: Knative's dispatcher records 500
    }

    [Fact]
    public async Task A_reply_answering_an_invalid_cloudevent_has_taken_the_event_as_Knative_reads_no_answer_of_a_reply()
    {
        string id = await Post("/api/sequences/reply-answers-badly");

        for (DateTime until = DateTime.UtcNow.AddSeconds(60); steps.AttemptsOf("/bad-reply", id).Count == 0 && DateTime.UtcNow < until;)
        {
            await Task.Delay(100);
        }

        await Task.Delay(TimeSpan.FromSeconds(3)); // a reply's second try would come 1 s after its first

        Assert.Single(steps.AttemptsOf("/bad-reply", id)); // read as a failure, it was tried 5 times and failed the run
    }

    [Fact]
    public async Task Step_replying_with_an_invalid_cloudevent_is_dead_lettered_without_a_retry_and_logged_in_the_ingress_words()
    {
        string id = await Post("/api/sequences/bad-reply");

        (var headers, string body) = await steps.WaitAtAsync("/dls", id);
        await Settle();

        Assert.Single(steps.AttemptsOf("/bad-reply", id)); // its retry: 1 is not used, as Knative's next channel refuses the reply with 400
        Assert.Single(steps.At("/dls", id));
        Assert.Empty(steps.At("/sink", id));
        Assert.Equal("test.event", headers["ce-type"]); // the step's input
        Assert.Contains("\"message\":\"hi\"", body, StringComparison.Ordinal);
        Assert.Equal("502", headers["ce-knativeerrorcode"]);
        Assert.Equal($$"""{"specversion":"1.0","id":"{{id}}","source":"/bad-reply"}""", Encoding.UTF8.GetString(Convert.FromBase64String(headers["ce-knativeerrordata"]!)));
        Assert.Contains(
            $"replied with an invalid CloudEvent: The event (id \"{id}\"): missing required attribute 'type'.", Fseq.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_whose_dead_letter_sink_fails_too_fails_its_run_and_its_record_says_so()
    {
        string id = await Post("/api/sequences/failing-dead-letter-sink");

        RunDetail run = await FailedRuns.WaitAsync(Http, id, TimeSpan.FromSeconds(30));

        Assert.Equal(2, steps.AttemptsOf("/reject", id).Count); // the step, then the sink
        FailedRuns.AssertDeadLetterSinkFailed(run, steps.BaseAddress, id);
        Assert.True(await FailedRuns.AmongDeadLettersAsync(Http, id), $"event {id} is not among the dead letters");
    }

    [Fact]
    public async Task A_dead_letter_sink_that_is_unavailable_is_retried_with_the_steps_delivery_and_takes_the_event()
    {
        string id = await Post("/api/sequences/flaky-dead-letter-sink");

        (var headers, _) = await steps.WaitAtAsync("/flaky-dls", id);
        await Settle();

        Assert.Single(steps.AttemptsOf("/reject", id)); // 422: the step is not retried
        IReadOnlyList<DateTimeOffset> attempts = steps.AttemptsOf("/flaky-dls", id);
        Assert.Equal(3, attempts.Count);
        Assert.True(attempts[2] - attempts[1] >= TimeSpan.FromMilliseconds(280), $"{attempts[2] - attempts[1]}"); // linear PT0.3S, as the step's own retries
        Assert.Equal("422", headers["ce-knativeerrorcode"]);
        Assert.Single(steps.At("/flaky-dls", id));
        await Fseq.WaitForLogAsync($"dead-letter sink {new Uri(steps.BaseAddress, "/flaky-dls")}: attempt 1/3 failed for event {id} (status 503");
        await Fseq.WaitForLogAsync($"failed for event {id} after 1 attempt(s) (last status 422: POST {new Uri(steps.BaseAddress, "/reject")} answered 422 Unprocessable Entity): sent to dead-letter sink {new Uri(steps.BaseAddress, "/flaky-dls")}");
    }

    [Fact]
    public async Task Without_a_dead_letter_sink_the_failure_is_logged_with_the_event_id()
    {
        string id = await Post("/api/sequences/no-dead-letter");

        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        string failed = $"Sequence no-dead-letter step 0 ({new Uri(steps.BaseAddress, "/reject")}) failed after 1 attempt(s) (last status 422";
        while (!Fseq.Stderr.Contains(failed, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await Fseq.WaitForLogAsync(failed);
        await Fseq.WaitForLogAsync(id);
    }

    [Fact]
    public async Task In_a_burst_into_a_broker_trigger_deliveries_share_runs_yet_each_event_is_retried_and_its_reply_routed_once()
    {
        // Reached the sink: the subscriber's reply, back through the Broker.
        string[] ids = await BurstAsync("/api/brokers/events", 30, reachedAt: "/sink", type: "test.flaky");

        await Fseq.WaitForLogAsync("Trigger to-flaky: ");
        await Fseq.WaitForLogAsync("share run trgb:to-flaky:");
        Assert.All(ids, id =>
        {
            Assert.Equal(3, steps.AttemptsOf("/flaky", id).Count);
            Assert.Equal("test.flaky.done", Assert.Single(steps.At("/sink", id)).Headers["ce-type"]);
            Assert.Empty(steps.At("/dls", id));
        });
    }

    [Fact]
    public async Task Subscriber_replying_with_something_that_is_not_a_cloudevent_fails_and_goes_to_the_brokers_dead_letter_sink()
    {
        string id = await Post("/api/brokers/events", type: "test.garbage");

        (var headers, _) = await steps.WaitAtAsync("/dls", id);
        await Settle();

        Assert.Equal(3, steps.AttemptsOf("/garbage", id).Count); // 502 is retried: retry 2 from the Broker
        Assert.Equal("502", headers["ce-knativeerrorcode"]);
        Assert.Single(steps.At("/dls", id));
    }
}
