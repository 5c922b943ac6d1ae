using FunctionsSequence.Core.Sources;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Functions.Functions;

/// <summary>
/// Stands in for every PingSource/CronJobSource: wakes on <c>SourceTickSchedule</c> (default each
/// minute, Knative's granularity) and fires each source's ticks since the last wake that fired
/// (Core's <see cref="SourceClock"/>, its cursor beside the task hub): none lost, none twice,
/// across restarts too.
/// </summary>
public sealed class SourceTimerFunction(SourceClock clock)
{
    [Function(FunctionNames.SourceTimer)]
    public Task RunAsync([TimerTrigger("%SourceTickSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
        => clock.FireDueAsync(client, cancellationToken);
}
