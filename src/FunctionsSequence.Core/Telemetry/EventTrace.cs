using System.Diagnostics;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Telemetry;

/// <summary>
/// An event's trace as it travels: the CloudEvents distributed-tracing extension (<c>traceparent</c>,
/// <c>tracestate</c>). Each hop starts its span as a child of the event's <c>traceparent</c> and
/// writes its own span's on the events it sends on, so one event is one trace across
/// orchestrations, Brokers, Event Grid and HTTP. While no one listens to <see cref="FlowTelemetry.Source"/>
/// no span is made, and events keep the context they came with.
/// </summary>
public static class EventTrace
{
    /// <summary>True when someone listens to <see cref="FlowTelemetry.Source"/>: a hop's span name need only be made then.</summary>
    public static bool Listening => FlowTelemetry.Source.HasListeners();

    /// <summary>
    /// Starts the span of hop <paramref name="name"/> for <paramref name="cloudEvent"/>: a child of its
    /// <c>traceparent</c>, or the root of a new trace when it has none or a malformed one. Null when
    /// no one listens or the span is not sampled.
    /// </summary>
    public static Activity? StartHop(string name, ActivityKind kind, CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        if (!FlowTelemetry.Source.HasListeners())
        {
            return null;
        }

        Activity? span = Start(name, kind, Text(cloudEvent, CloudEventAttributes.TraceParent), Text(cloudEvent, CloudEventAttributes.TraceState));
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("cloudevents.event_id", cloudEvent.Id);
            span.SetTag("cloudevents.event_source", cloudEvent.Source?.ToString());
            span.SetTag("cloudevents.event_type", cloudEvent.Type);
        }

        return span;
    }

    /// <summary><see cref="StartHop(string, ActivityKind, CloudEvent)"/> for an event as it travels, structured-mode JSON, read only when someone listens.</summary>
    public static Activity? StartHop(string name, ActivityKind kind, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!FlowTelemetry.Source.HasListeners())
        {
            return null;
        }

        Activity? span = Start(name, kind, CloudEventJson.ReadString(json, CloudEventAttributes.TraceParent), CloudEventJson.ReadString(json, CloudEventAttributes.TraceState));
        span?.SetTag("cloudevents.event_id", CloudEventJson.ReadId(json));
        return span;
    }

    /// <summary>
    /// Starts a span under <paramref name="traceparent"/> (W3C Trace Context), or as the root of a
    /// new trace when it is missing or malformed; never under the host's ambient span, which
    /// belongs to the request or function invocation, not to the event.
    /// </summary>
    public static Activity? Start(string name, ActivityKind kind, string? traceparent, string? tracestate)
    {
        if (!FlowTelemetry.Source.HasListeners())
        {
            return null;
        }

        if (ActivityContext.TryParse(traceparent, tracestate, isRemote: true, out ActivityContext parent))
        {
            return FlowTelemetry.Source.StartActivity(name, kind, parent);
        }

        // The caller is an async method or lambda: the ambient span comes back when it returns.
        Activity.Current = null;
        return FlowTelemetry.Source.StartActivity(name, kind, default(ActivityContext));
    }

    /// <summary>Writes <paramref name="span"/>'s context on an event it sends on (nothing without a span).</summary>
    public static void Write(Activity? span, CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        if (span is null)
        {
            return;
        }

        cloudEvent[CloudEventAttributes.TraceParent] = span.Id;
        cloudEvent[CloudEventAttributes.TraceState] = span.TraceStateString;
    }

    /// <summary>
    /// Writes <paramref name="span"/>'s context on an answer to it, unless the answer already
    /// continues the span's trace (a subscriber that traced its own work under it keeps its span).
    /// </summary>
    public static void Adopt(Activity? span, CloudEvent? answer)
    {
        if (span is null || answer is null)
        {
            return;
        }

        if (ActivityContext.TryParse(Text(answer, CloudEventAttributes.TraceParent), null, out ActivityContext own) && own.TraceId == span.TraceId)
        {
            return;
        }

        Write(span, answer);
    }

    /// <summary>
    /// With no span (nothing listens), the trace context <paramref name="input"/> came with, on an answer to it that carries
    /// none: the context goes on unchanged to every hop, as Knative's dispatcher sends a reply with its request's.
    /// </summary>
    public static void Inherit(CloudEvent input, CloudEvent? answer)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (answer is null || answer[CloudEventAttributes.TraceParent] is not null || Text(input, CloudEventAttributes.TraceParent) is not { } traceparent)
        {
            return;
        }

        answer[CloudEventAttributes.TraceParent] = traceparent;
        if (Text(input, CloudEventAttributes.TraceState) is { } tracestate)
        {
            answer[CloudEventAttributes.TraceState] = tracestate;
        }
    }

    /// <summary>Marks <paramref name="span"/> failed with <paramref name="error"/> and, when there is one, the HTTP status.</summary>
    public static void Fail(Activity? span, string? error, int statusCode = 0)
    {
        if (span is null)
        {
            return;
        }

        span.SetStatus(ActivityStatusCode.Error, error);
        if (statusCode > 0)
        {
            span.SetTag("http.response.status_code", statusCode);
        }
    }

    private static string? Text(CloudEvent cloudEvent, string name) => cloudEvent[name] as string;
}
