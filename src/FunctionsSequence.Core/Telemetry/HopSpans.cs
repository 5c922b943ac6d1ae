using System.Diagnostics;
using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Telemetry;

/// <summary>
/// The spans of a hop that sends several events on at once (a reply, a Trigger handing its events
/// to a flow): one per event, each a child of its event's <c>traceparent</c> and written on it in
/// its place, so that events sharing a run keep their own traces. Disposing ends the spans.
/// </summary>
public sealed class HopSpans : IDisposable
{
    private static readonly HopSpans None = new([]);

    private readonly Activity?[] spans;

    private HopSpans(Activity?[] spans) => this.spans = spans;

    /// <summary>
    /// Starts span <paramref name="name"/> for the event of each of <paramref name="items"/>, bound for
    /// <paramref name="to"/> (a destination, or null); with a null name (made only when <see cref="EventTrace.Listening"/>) none.
    /// </summary>
    public static HopSpans Start<T>(string? name, ActivityKind kind, object? to, IReadOnlyList<T> items, Func<T, CloudEvent> eventOf)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(eventOf);
        if (name is null || !EventTrace.Listening)
        {
            return None;
        }

        var spans = new Activity?[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            CloudEvent cloudEvent = eventOf(items[i]);
            if ((spans[i] = EventTrace.StartHop(name, kind, cloudEvent)) is { } span)
            {
                span.SetTag("fseq.destination", to?.ToString());
                EventTrace.Write(span, cloudEvent);
            }
        }

        return new HopSpans(spans);
    }

    /// <summary>True when event <paramref name="index"/> got a span (and so a new <c>traceparent</c>).</summary>
    public bool Traced(int index) => index < spans.Length && spans[index] is not null;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (Activity? span in spans)
        {
            span?.Dispose();
        }
    }
}
