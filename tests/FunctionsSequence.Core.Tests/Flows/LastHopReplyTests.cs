using CloudNative.CloudEvents;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Flows;
using FunctionsSequence.Core.Steps;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSequence.Core.Tests.Flows;

/// <summary>
/// A flow's last hop sends its answers on to the flow's reply within its own activity
/// (<see cref="StepInput.ThenReply"/>), as Knative's dispatcher sends a subscriber's response to its
/// reply: the results say which the reply took, which it gave up and why, and leave what the reply's
/// own activity would try again to it.
/// </summary>
public sealed class LastHopReplyTests : IDisposable
{
    private const string Destination = "http://reply.local/in";

    private static readonly string UriReply = Manifests.OneStepSequence($"{{ uri: \"{Destination}\" }}");

    private static readonly string SequenceReply = Manifests.OneStepSequenceReplyingToNext();

    private readonly LogLines log = new();

    public void Dispose() => log.Dispose();

    [Fact]
    public async Task The_answers_go_to_the_reply_and_their_results_say_so_without_carrying_them()
    {
        var destination = new ReplyDestination();

        DeliveryResult[] results = await RunLastStepAsync(UriReply, destination, thenReply: true, Good("r-1"), Good("r-2"));

        Assert.Equal(["r-1", "r-2"], destination.Received.Order(StringComparer.Ordinal));
        Assert.All(results, r => Assert.True(r is { Succeeded: true, Replied: true, ReplyGivenUp: null, Event: null }));
        Assert.Equal(2, log.Lines.Count(l => l.Contains($"Sequence seq reply to {Destination}", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Without_ThenReply_nothing_goes_to_the_reply()
    {
        var destination = new ReplyDestination();

        DeliveryResult result = Assert.Single(await RunLastStepAsync(UriReply, destination, thenReply: false, Good("r-1")));

        Assert.Empty(destination.Received);
        Assert.False(result.Replied);
    }

    [Fact]
    public async Task Only_answers_go_to_the_reply_a_failed_event_keeps_its_result_for_the_runs_retries()
    {
        var destination = new ReplyDestination();

        DeliveryResult[] results = await RunLastStepAsync(UriReply, destination, thenReply: true, Good("r-1"), NotJson("r-2"));

        Assert.Equal(["r-1"], destination.Received);
        Assert.True(results[0].Replied);
        Assert.Equal((false, 400, false, null), (results[1].Succeeded, results[1].StatusCode, results[1].Replied, results[1].ReplyGivenUp));
    }

    [Fact]
    public async Task A_refusal_is_kept_with_why_for_the_replys_own_activity_to_name()
    {
        var destination = new ReplyDestination(refuses: "r-bad");

        DeliveryResult[] results = await RunLastStepAsync(UriReply, destination, thenReply: true, Good("r-1"), Good("r-bad"));

        Assert.Equal(["r-1", "r-bad"], destination.Received.Order(StringComparer.Ordinal));
        string why = $"POST {Destination} answered 422 Unprocessable Entity";
        Assert.Equal([(true, true, null), (true, false, why)], results.Select(r => (r.Succeeded, r.Replied, r.ReplyGivenUp)));
    }

    [Fact]
    public async Task An_event_a_Service_does_not_take_at_the_one_try_is_left_to_the_replys_own_activity()
    {
        var destination = new ReplyDestination(down: "r-down");

        DeliveryResult[] results = await RunLastStepAsync(UriReply, destination, thenReply: true, Good("r-1"), Good("r-down"));

        Assert.Equal(["r-1", "r-down"], destination.Received.Order(StringComparer.Ordinal)); // one try each: the step's activity waits out no back-off
        Assert.Equal([(true, true, null, 0), (true, false, null, 1)], results.Select(r => (r.Succeeded, r.Replied, r.ReplyGivenUp, r.ReplyAttempts)));
        Assert.Single(log.Lines, l => l.Contains("reply of 1 event(s) not sent by the last hop's activity (POST http://reply.local/in answered 503 Service Unavailable)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_event_never_taken_is_given_up_after_5_tries_and_its_failure_counts_them_all()
    {
        var destination = new ReplyDestination(down: "r-down");
        using ServiceProvider services = FlowServices.Build(log, UriReply, http: destination);
        HopActivities activities = services.GetRequiredService<HopActivities>();
        RunEvent item = Good("r-down");
        DeliveryResult left = Assert.Single(await activities.RunStepAsync(new StepInput(Hop.Step("seq", 0), [item], "run-1", ThenReply: true), client: null!));

        ReplyGivenUpException given = await Assert.ThrowsAsync<ReplyGivenUpException>(() => activities.DeliverReplyAsync(
            new ReplyInput(Hop.Step("seq", 0), [item with { Event = left.Reply! }], "run-1", left.ReplyAttempts), client: null!));

        Assert.Equal(5, destination.Received.Count);
        Assert.Equal($"1 of 1 event(s) not delivered; 1 not taken after 5 tries (event r-down: POST {Destination} answered 503 Service Unavailable)", given.Message);
    }

    [Fact]
    public async Task Beside_a_refusal_an_event_not_taken_is_still_tried_5_times_and_the_runs_failure_names_both()
    {
        var destination = new ReplyDestination(refuses: "r-bad", down: "r-down");
        using ServiceProvider services = FlowServices.Build(log, UriReply, http: destination);
        HopActivities activities = services.GetRequiredService<HopActivities>();
        RunEvent[] events = [Good("r-1"), Good("r-bad"), Good("r-down")];

        DeliveryResult[] results = await activities.RunStepAsync(new StepInput(Hop.Step("seq", 0), events, "run-1", ThenReply: true), client: null!);
        string refusal = $"POST {Destination} answered 422 Unprocessable Entity";
        Assert.Equal([(true, null, 0), (false, refusal, 0), (false, null, 1)], results.Select(r => (r.Replied, r.ReplyGivenUp, r.ReplyAttempts)));

        // What the run hands the reply's own activity (HopDelivery): the answers not replied, the refusal beside its event.
        var left = new ReplyInput(
            Hop.Step("seq", 0), [events[1] with { Event = results[1].Reply! }, events[2] with { Event = results[2].Reply! }], "run-1", Attempted: 1, Refused: [refusal, null], Answered: 3);
        ReplyGivenUpException given = await Assert.ThrowsAsync<ReplyGivenUpException>(() => activities.DeliverReplyAsync(left, client: null!));

        Assert.Equal(["r-1", "r-bad", "r-down", "r-down", "r-down", "r-down", "r-down"], destination.Received.Order(StringComparer.Ordinal));
        Assert.Equal($"2 of 3 event(s) not delivered; 1 refused (event r-bad: {refusal}); 1 not taken after 5 tries (event r-down: POST {Destination} answered 503 Service Unavailable)", given.Message);
    }

    [Fact]
    public async Task Beside_a_refusal_an_event_taken_at_a_later_try_is_delivered_and_the_run_still_fails_naming_the_refusal()
    {
        var destination = new ReplyDestination(busyOnce: "r-busy", refuses: "r-bad");
        using ServiceProvider services = FlowServices.Build(log, UriReply, http: destination);
        HopActivities activities = services.GetRequiredService<HopActivities>();
        RunEvent[] events = [Good("r-bad"), Good("r-busy")];
        DeliveryResult[] results = await activities.RunStepAsync(new StepInput(Hop.Step("seq", 0), events, "run-1", ThenReply: true), client: null!);

        var left = new ReplyInput(Hop.Step("seq", 0), [.. events.Select((e, i) => e with { Event = results[i].Reply! })], "run-1", Attempted: 1, Refused: [.. results.Select(r => r.ReplyGivenUp)]);
        ReplyGivenUpException given = await Assert.ThrowsAsync<ReplyGivenUpException>(() => activities.DeliverReplyAsync(left, client: null!));

        Assert.Equal(["r-bad", "r-busy", "r-busy"], destination.Received.Order(StringComparer.Ordinal));
        Assert.Equal($"1 of 2 event(s) not delivered; 1 refused (event r-bad: POST {Destination} answered 422 Unprocessable Entity)", given.Message);
    }

    [Fact]
    public async Task With_a_dead_letter_sink_on_the_hop_what_the_reply_gave_up_comes_back_with_its_status_for_the_sink()
    {
        var destination = new ReplyDestination(refuses: "r-bad", down: "r-down");
        string yaml = UriReply.Replace("name: step-0 }\n", "name: step-0 }\n      delivery: { deadLetterSink: { uri: http://dls.local/ } }\n", StringComparison.Ordinal);
        Assert.NotEqual(UriReply, yaml);
        using ServiceProvider services = FlowServices.Build(log, yaml, http: destination);
        HopActivities activities = services.GetRequiredService<HopActivities>();
        RunEvent[] events = [Good("r-1"), Good("r-bad"), Good("r-down")];

        DeliveryResult[] results = await activities.RunStepAsync(new StepInput(Hop.Step("seq", 0), events, "run-1", ThenReply: true), client: null!);
        // What the run hands the reply's own activity (HopDelivery): the answers left, the refusal dead-lettered by the run at once.
        ReplyOutcome outcome = await activities.DeliverReplyAsync(
            new ReplyInput(Hop.Step("seq", 0), [events[2] with { Event = results[2].Reply! }], "run-1", Attempted: 1, DeadLetters: true), client: null!);

        Assert.Equal((422, false), (results[1].ReplyRefusal?.StatusCode, results[1].ReplyRefusal?.Retryable));
        Assert.Equal(503, Assert.Single(outcome.Failures)?.StatusCode);
        Assert.Equal(["r-1", "r-bad", "r-down", "r-down", "r-down", "r-down", "r-down"], destination.Received.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task While_the_app_stops_a_failure_gives_nothing_up_and_is_left_to_the_replys_own_activity()
    {
        var destination = new ReplyDestination(refuses: "r-bad");
        using var lifetime = new StoppingLifetime();
        using ServiceProvider services = FlowServices.Build(log, UriReply, lifetime: lifetime, http: destination);
        lifetime.Stop();

        DeliveryResult[] results = await services.GetRequiredService<HopActivities>().RunStepAsync(
            new StepInput(Hop.Step("seq", 0), [Good("r-1"), Good("r-bad")], "run-1", ThenReply: true), client: null!);

        Assert.Equal([(true, true, null), (true, false, null)], results.Select(r => (r.Succeeded, r.Replied, r.ReplyGivenUp)));
    }

    [Fact]
    public async Task Into_a_Sequence_the_answers_start_one_run()
    {
        var client = new FakeDurableClient();

        DeliveryResult[] results = await RunLastStepAsync(SequenceReply, http: null, thenReply: true, [Good("r-1"), Good("r-2")], client);

        Assert.Single(client.Scheduled);
        Assert.All(results, r => Assert.True(r.Replied));
    }

    [Fact]
    public async Task A_failure_the_replys_own_activity_would_retry_is_left_to_it_and_logged()
    {
        var client = new FakeDurableClient { Failure = new InvalidOperationException("task hub out of reach") };

        DeliveryResult[] results = await RunLastStepAsync(SequenceReply, http: null, thenReply: true, [Good("r-1")], client);

        DeliveryResult result = Assert.Single(results);
        Assert.Equal((true, false, null), (result.Succeeded, result.Replied, result.ReplyGivenUp));
        Assert.NotNull(result.Event);
        Assert.Single(log.Lines, l => l.Contains("reply of 1 event(s) not sent by the last hop's activity (task hub out of reach); the reply's own activity tries them again, 4 times at most", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Into_a_Sequence_the_last_hop_starts_the_run_the_replys_own_activity_would()
    {
        // A run whose last hop replied and crashed before its result was kept sends the answers by
        // DeliverReply: the same instance id is what makes the flow take them once.
        var byLastHop = new FakeDurableClient();
        await RunLastStepAsync(SequenceReply, http: null, thenReply: true, [Good("r-1")], byLastHop);

        var byReplyActivity = new FakeDurableClient();
        using ServiceProvider services = FlowServices.Build(log, SequenceReply);
        HopActivities activities = services.GetRequiredService<HopActivities>();
        RunEvent item = Good("r-1");
        DeliveryResult answered = Assert.Single(await activities.RunStepAsync(new StepInput(Hop.Step("seq", 0), [item], "run-1"), byReplyActivity));
        await activities.DeliverReplyAsync(new ReplyInput(Hop.Step("seq", 0), [item with { Event = answered.Reply! }], "run-1"), byReplyActivity);

        Assert.Equal(Assert.Single(byLastHop.Scheduled).Id, Assert.Single(byReplyActivity.Scheduled).Id);
    }

    [Fact]
    public async Task To_event_display_each_answer_is_printed_once_however_often_the_last_hop_runs()
    {
        var printed = new PrintedBlocks();
        string yaml = Manifests.Display + Manifests.OneStepSequence("{ ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display } }");
        using ServiceProvider services = FlowServices.Build(log, yaml, display: printed);
        HopActivities activities = services.GetRequiredService<HopActivities>();
        var input = new StepInput(Hop.Step("seq", 0), [Good("r-1"), Good("r-2")], "run-1", ThenReply: true);

        DeliveryResult[] results = await activities.RunStepAsync(input, client: null!); // a display needs no client
        await activities.RunStepAsync(input, client: null!); // the activity run again (a crash before its result was kept)

        Assert.All(results, r => Assert.True(r is { Replied: true, Event: null }));
        Assert.Collection(
            printed.Blocks.Order(StringComparer.Ordinal),
            block => Assert.True(block.Contains("id: r-1", StringComparison.Ordinal) && block.Contains("m - Handled by 0", StringComparison.Ordinal), block),
            block => Assert.True(block.Contains("id: r-2", StringComparison.Ordinal) && block.Contains("m - Handled by 0", StringComparison.Ordinal), block));
    }

    [Fact]
    public async Task A_Broker_that_refuses_the_reply_gives_every_event_up_with_why()
    {
        string yaml = Manifests.OneStepSequence("{ ref: { apiVersion: eventing.knative.dev/v1, kind: Broker, name: default } }") + """
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Broker
            metadata: { name: default }

            """;
        using ServiceProvider services = Manifests.Provider(yaml, s => s.AddSingleton<IBrokerPublisher>(new RefusingPublisher()));

        DeliveryResult[] results = await services.GetRequiredService<HopActivities>().RunStepAsync(
            new StepInput(Hop.Step("seq", 0), [Good("r-1"), Good("r-2")], "run-1", ThenReply: true), client: null!);

        Assert.All(results, r => Assert.Equal((true, false, "the topic answered 400 Bad Request"), (r.Succeeded, r.Replied, r.ReplyGivenUp)));
    }

    private Task<DeliveryResult[]> RunLastStepAsync(string yaml, ReplyDestination? http, bool thenReply, params RunEvent[] events) =>
        RunLastStepAsync(yaml, http, thenReply, events, client: null);

    private async Task<DeliveryResult[]> RunLastStepAsync(string yaml, ReplyDestination? http, bool thenReply, RunEvent[] events, FakeDurableClient? client)
    {
        using ServiceProvider services = FlowServices.Build(log, yaml, http: http);
        return await services.GetRequiredService<HopActivities>().RunStepAsync(new StepInput(Hop.Step("seq", 0), events, "run-1", thenReply), client!);
    }

    private static RunEvent Good(string id) => new(CloudEventJson.Encode(Events.Json("""{"message": "m"}""", id: id)));

    private static RunEvent NotJson(string id) =>
        new(CloudEventJson.Encode(new CloudEvent { Id = id, Source = new Uri("urn:t"), Type = "t", DataContentType = "text/plain", Data = "not json" }));

    /// <summary>A Broker whose topic refuses what it is given, as Event Grid answers 400 to an event it cannot take.</summary>
    private sealed class RefusingPublisher : IBrokerPublisher
    {
        public Task PublishAsync(DurableTaskClient client, string broker, IReadOnlyList<CloudEvent> events, EventOrigin origin, CancellationToken cancellationToken) =>
            throw new StepFailedException("the topic answered 400 Bad Request", 400);
    }
}
