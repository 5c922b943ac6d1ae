using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Telemetry;

namespace FunctionsSequence.Core.Tests.Telemetry;

/// <summary>With nothing listening, an answer goes on in the trace its event came with, as Knative's data plane passes it through.</summary>
public sealed class TraceInheritTests
{
    private const string Parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private static CloudEvent Event(string? traceparent = null, string? tracestate = null)
    {
        var e = new CloudEvent { Id = "1", Source = new Uri("/s", UriKind.Relative), Type = "t" };
        if (traceparent is not null)
        {
            e[CloudEventAttributes.TraceParent] = traceparent;
        }

        if (tracestate is not null)
        {
            e[CloudEventAttributes.TraceState] = tracestate;
        }

        return e;
    }

    [Fact]
    public void An_answer_without_trace_context_gets_its_events()
    {
        CloudEvent answer = Event();

        EventTrace.Inherit(Event(Parent, "k=v"), answer);

        Assert.Equal((Parent, "k=v"), (answer[CloudEventAttributes.TraceParent], answer[CloudEventAttributes.TraceState]));
    }

    [Fact]
    public void An_answer_with_its_own_trace_context_keeps_it_and_an_event_without_any_gives_none()
    {
        const string Own = "00-11111111111111111111111111111111-2222222222222222-01";
        CloudEvent own = Event(Own);
        CloudEvent none = Event();

        EventTrace.Inherit(Event(Parent), own);
        EventTrace.Inherit(Event(), none);

        Assert.Equal(Own, own[CloudEventAttributes.TraceParent]);
        Assert.Null(none[CloudEventAttributes.TraceParent]);
    }
}
