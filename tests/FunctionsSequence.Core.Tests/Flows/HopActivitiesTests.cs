using System.Text.Json;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Flows;
using FunctionsSequence.Core.Steps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FunctionsSequence.Core.Tests.Flows;

public sealed class HopActivitiesTests
{
    private static readonly string Yaml = Manifests.Display + Manifests.OneStepSequence("{ ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display } }");

    [Fact]
    public async Task Runs_an_appender_step_on_the_event_and_logs_it()
    {
        var log = new LogLines();
        HopActivities activities = Activities(log);
        string input = CloudEventJson.Encode(Events.Json("""{"message": "Hello world!"}""", id: "ev-42"));

        DeliveryResult result = Assert.Single(await activities.RunStepAsync(new StepInput(Hop.Step("seq", 0), [new RunEvent(input)]), client: null!));

        Assert.True(result.Succeeded);
        CloudEvent output = CloudEventJson.Decode(result.Event!);
        Assert.Equal("ev-42", output.Id);
        Assert.Equal(AppenderStep.OutputType, output.Type);
        Assert.Equal("Hello world! - Handled by 0", ((JsonElement)output.Data!).GetProperty("message").GetString());
        Assert.Contains(log.Lines, l => l.Contains("Sequence seq step 0", StringComparison.Ordinal) && l.Contains("ev-42", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_step_that_refuses_an_event_is_a_clear_400_not_retried_and_logged()
    {
        var log = new LogLines();
        HopActivities activities = Activities(log);
        var text = new CloudEvent { Id = "ev-7", Source = new Uri("urn:t"), Type = "t", DataContentType = "text/plain", Data = "not json" };

        DeliveryResult result = Assert.Single(await activities.RunStepAsync(new StepInput(Hop.Step("seq", 0), [new RunEvent(CloudEventJson.Encode(text))]), client: null!));

        Assert.False(result.Succeeded);
        Assert.Equal(400, result.StatusCode);
        Assert.False(result.Retryable);
        Assert.Single(log.Lines, l => l.Contains("Sequence seq step 0", StringComparison.Ordinal) && l.Contains("ev-7", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_step_keeps_each_events_result_in_order_when_some_fail()
    {
        var log = new LogLines();
        HopActivities activities = Activities(log);
        string json = CloudEventJson.Encode(Events.Json("""{"message": "one"}""", id: "b-1"));
        string text = CloudEventJson.Encode(new CloudEvent { Id = "b-2", Source = new Uri("urn:t"), Type = "t", DataContentType = "text/plain", Data = "not json" });
        string last = CloudEventJson.Encode(Events.Json("""{"message": "three"}""", id: "b-3"));

        DeliveryResult[] results = await activities.RunStepAsync(new StepInput(Hop.Step("seq", 0), [new(json), new(text), new(last)]), client: null!);

        Assert.Equal(3, results.Length);
        Assert.Equal("one - Handled by 0", ((JsonElement)CloudEventJson.Decode(results[0].Event!).Data!).GetProperty("message").GetString());
        Assert.Equal((false, 400), (results[1].Succeeded, results[1].StatusCode));
        Assert.Equal("three - Handled by 0", ((JsonElement)CloudEventJson.Decode(results[2].Event!).Data!).GetProperty("message").GetString());
        Assert.All(["b-1", "b-2", "b-3"], id => Assert.Single(log.Lines, l => l.Contains("Sequence seq step 0", StringComparison.Ordinal) && l.Contains(id, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Replies_to_event_display_print_each_event_once_as_decoded_and_log_them()
    {
        var log = new LogLines();
        var printed = new PrintedBlocks();
        HopActivities activities = Activities(log, printed);
        CloudEvent first = Events.Json("""{"message": "one"}""", id: "r-1");
        CloudEvent second = Events.Json("""{"message": "two"}""", id: "r-2");
        second["somekey"] = "value";
        var replies = new ReplyInput(Hop.Step("seq", 0), [new RunEvent(CloudEventJson.Encode(first)), new RunEvent(CloudEventJson.Encode(second), 7)]);

        await activities.DeliverReplyAsync(replies, client: null!); // a display needs no client
        await activities.DeliverReplyAsync(replies, client: null!); // the activity run again (a replay)

        Assert.Equal([EventDisplayFormatter.Format(first), EventDisplayFormatter.Format(second)], printed.Blocks.Order(StringComparer.Ordinal));
        Assert.Equal(2, log.Lines.Count(l => l.Contains("Sequence seq reply", StringComparison.Ordinal) && l.Contains("r-1", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task While_the_app_stops_a_failed_attempt_does_not_count_and_the_activity_throws_to_run_again()
    {
        using var lifetime = new StoppingLifetime();
        HopActivities activities = Activities(new LogLines(), lifetime: lifetime);
        var text = new CloudEvent { Id = "ev-8", Source = new Uri("urn:t"), Type = "t", DataContentType = "text/plain", Data = "not json" };
        var input = new StepInput(Hop.Step("seq", 0), [new RunEvent(CloudEventJson.Encode(text))], "run-1");
        Assert.False(Assert.Single(await activities.RunStepAsync(input, client: null!)).Succeeded);

        lifetime.Stop();

        OperationCanceledException stopped = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => activities.RunStepAsync(input, client: null!));
        Assert.StartsWith("Sequence seq step 0: the app is stopping", stopped.Message, StringComparison.Ordinal);
        string good = CloudEventJson.Encode(Events.Json("""{"message": "m"}""", id: "ev-9"));
        Assert.True(Assert.Single(await activities.RunStepAsync(new StepInput(Hop.Step("seq", 0), [new RunEvent(good)]), client: null!)).Succeeded);
    }

    private static HopActivities Activities(LogLines log, IEventDisplaySink? display = null, IHostApplicationLifetime? lifetime = null) =>
        FlowServices.Build(log, Yaml, display, lifetime).GetRequiredService<HopActivities>();
}
