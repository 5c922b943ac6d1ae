using System.Diagnostics;
using System.Net;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Flows;
using FunctionsSequence.Core.Hosting;
using FunctionsSequence.Core.Routing;
using FunctionsSequence.Core.Steps;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSequence.Core.Tests.Telemetry;

/// <summary>
/// The CloudEvents distributed-tracing extension: a hop's span is a child of the event's
/// <c>traceparent</c>, and what the hop sends on carries the hop's own span; an event with no
/// <c>traceparent</c>, or a malformed one, starts a new trace.
/// </summary>
public sealed class EventTraceTests : IDisposable
{
    private static readonly string Yaml = Manifests.StepService("trace-step", 0) + Manifests.Display + """
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: traced }
        spec:
          steps:
            - ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: trace-step }
              delivery:
                deadLetterSink: { ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display } }
          reply: { ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display } } # so the step's answer is carried
        """;

    private readonly SpanRecorder spans = new();

    public void Dispose() => spans.Dispose();

    [Fact]
    public async Task A_step_is_a_child_of_the_events_traceparent_and_its_answer_carries_the_steps_span()
    {
        var sender = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        CloudEvent input = Events.Json("""{"message": "Hello"}""", id: "t-1");
        input[CloudEventAttributes.TraceParent] = Traceparent(sender);
        input[CloudEventAttributes.TraceState] = "vendor=1";

        DeliveryResult result = Assert.Single(await Activities().RunStepAsync(new StepInput(Hop.Step("traced", 0), [new RunEvent(CloudEventJson.Encode(input))]), client: null!));

        Activity step = Assert.Single(spans.InTrace(sender.TraceId));
        Assert.Equal("Sequence traced step 0", step.DisplayName);
        Assert.Equal(sender.SpanId, step.ParentSpanId);
        Assert.Equal("vendor=1", step.TraceStateString);
        Assert.Equal("t-1", step.GetTagItem("cloudevents.event_id"));
        CloudEvent answer = CloudEventJson.Decode(result.Event!);
        Assert.Equal(step.Id, answer[CloudEventAttributes.TraceParent]);
        Assert.Equal("vendor=1", answer[CloudEventAttributes.TraceState]);
    }

    [Fact]
    public async Task A_dead_letter_is_a_child_of_the_failed_events_span_and_the_sink_a_child_of_the_dead_letter()
    {
        var sender = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        CloudEvent failed = Events.Json("""{"message": "Hello"}""", id: "t-5");
        failed[CloudEventAttributes.TraceParent] = Traceparent(sender);
        var input = new DeadLetterInput(CloudEventJson.Encode(failed), "Service/trace-step", Hop.Step("traced", 0), DeliveryResult.Failure(503, retryable: true, "down"), 3);

        await Provider().GetRequiredService<DeadLetterActivity>().SendAsync(input, client: null!);

        IReadOnlyList<Activity> trace = spans.InTrace(sender.TraceId);
        Activity deadLetter = Assert.Single(trace, s => s.DisplayName == "Sequence traced step 0 dead letter");
        Assert.Equal(sender.SpanId, deadLetter.ParentSpanId);
        Activity display = Assert.Single(trace, s => s.DisplayName == "display event-display");
        Assert.Equal(deadLetter.SpanId, display.ParentSpanId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not a traceparent")]
    [InlineData("00-00000000000000000000000000000000-0000000000000000-01")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331")]
    public async Task An_event_with_no_valid_traceparent_starts_a_new_trace_not_the_hosts(string? traceparent)
    {
        using var ambientSource = new ActivitySource("EventTraceTests.Host");
        using var ambientListener = new ActivityListener
        {
            ShouldListenTo = s => s == ambientSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(ambientListener);
        using Activity host = ambientSource.StartActivity("function invocation")!;
        CloudEvent input = Events.Json("""{"message": "Hello"}""", id: "t-2");
        input[CloudEventAttributes.TraceParent] = traceparent;

        DeliveryResult result = Assert.Single(await Activities().RunStepAsync(new StepInput(Hop.Step("traced", 0), [new RunEvent(CloudEventJson.Encode(input))]), client: null!));

        Assert.Same(host, Activity.Current);
        string written = Assert.IsType<string>(CloudEventJson.Decode(result.Event!)[CloudEventAttributes.TraceParent]);
        Assert.True(ActivityContext.TryParse(written, null, out ActivityContext stepContext), written);
        Assert.NotEqual(host.TraceId, stepContext.TraceId);
        Activity step = Assert.Single(spans.InTrace(stepContext.TraceId));
        Assert.Equal(default, step.ParentSpanId);
        Assert.Equal(stepContext.SpanId, step.SpanId);
    }

    [Fact]
    public async Task An_http_step_gets_the_events_traceparent_as_the_w3c_header_too()
    {
        var handler = new CapturingHandler();
        CloudEvent input = Events.Json("""{"message": "Hello"}""", id: "t-3");
        const string Parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        input[CloudEventAttributes.TraceParent] = Parent;

        await new HttpStep(new HttpClient(handler), new Uri("http://step.local/")).InvokeAsync(input, new StepContext("s", new Dictionary<string, string>()), CancellationToken.None);

        Assert.Equal([Parent], handler.Request!.Headers.GetValues("traceparent"));
        Assert.Equal([Parent], handler.Request.Content!.Headers.GetValues("ce-traceparent"));
    }

    [Fact]
    public void Event_display_leaves_the_tracing_extension_out_so_each_hop_prints_the_same_block()
    {
        CloudEvent plain = Events.Json("""{"message": "Hello"}""", id: "t-4");
        plain["somekey"] = "value";
        CloudEvent traced = CloudEventFactory.Copy(plain);
        traced[CloudEventAttributes.TraceParent] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        traced[CloudEventAttributes.TraceState] = "vendor=1";

        Assert.Equal(EventDisplayFormatter.Format(plain), EventDisplayFormatter.Format(traced));
        Assert.Equal(EventDisplayFormatter.Format(plain), EventDisplayFormatter.Format(CloudEventJson.Encode(traced)));
        Assert.Contains("somekey: value", EventDisplayFormatter.Format(traced), StringComparison.Ordinal);
    }

    private static string Traceparent(ActivityContext context) => $"00-{context.TraceId}-{context.SpanId}-01";

    private static HopActivities Activities() => Provider().GetRequiredService<HopActivities>();

    private static ServiceProvider Provider()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IEventDisplaySink>(new PrintedBlocks());
        services.AddFunctionsSequence(Manifests.Load(Yaml).EnsureValid());
        return services.BuildServiceProvider();
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request = request;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Accepted));
        }
    }
}
