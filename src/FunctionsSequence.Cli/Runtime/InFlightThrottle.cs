using FunctionsSequence.Core.Ingress;
using FunctionsSequence.Core.Sequences;

namespace FunctionsSequence.Cli.Runtime;

/// <summary>
/// Refuses new events (429, Retry-After) while more events are in flight than
/// <c>--max-in-flight</c>: those carried by running orchestrations and those waiting to share a run.
/// </summary>
internal sealed class InFlightThrottle(FlowTracker tracker, RunBatcher batcher, int maxInFlight) : IIngressThrottle
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(1);

    public TimeSpan? RetryAfter(int incoming) => tracker.PendingEvents + batcher.Queued + incoming > maxInFlight ? Wait : null;
}
