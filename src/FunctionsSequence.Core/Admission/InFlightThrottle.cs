namespace FunctionsSequence.Core.Admission;

/// <summary>
/// Refuses new events (429, Retry-After) while more than <c>maxEvents</c> are in flight: those
/// carried by runs in flight and those waiting to share a run or in a run being started.
/// </summary>
public sealed class InFlightThrottle(InFlightRuns runs, RunBatcher batcher, int maxEvents) : IIngressThrottle
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public int MaxEvents { get; } = maxEvents > 0 ? maxEvents : throw new ArgumentOutOfRangeException(nameof(maxEvents), maxEvents, "must be positive");

    // Events let in whose runs or queue places are not counted yet.
    private int entering;

    /// <inheritdoc />
    public TimeSpan? RetryAfter(int incoming)
    {
        int now = Interlocked.Add(ref entering, incoming);

        // Read in the order events move (entering, then queued or starting, then in a run), so none is missed in between.
        int queued = batcher.Queued;
        if (now + queued + runs.Events <= MaxEvents)
        {
            return null;
        }

        Interlocked.Add(ref entering, -incoming);
        return Wait;
    }

    /// <inheritdoc />
    public void Entered(int incoming) => Interlocked.Add(ref entering, -incoming);
}
