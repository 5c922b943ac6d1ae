using FunctionsSequence.Core.Ingress;

namespace FunctionsSequence.Cli.Runtime;

/// <summary>Refuses new events (429, Retry-After) while more orchestrations are in flight than <c>--max-in-flight</c>.</summary>
internal sealed class InFlightThrottle(FlowTracker tracker, int maxInFlight) : IIngressThrottle
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(1);

    public TimeSpan? RetryAfter(int incoming) => tracker.Pending + incoming > maxInFlight ? Wait : null;
}
