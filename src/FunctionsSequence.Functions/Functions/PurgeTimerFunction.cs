using FunctionsSequence.Core.Admission;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Functions.Functions;

/// <summary>
/// Every quarter hour: purges runs that completed longer ago than <c>FunctionsSequence__KeepRunsHours</c>
/// (by default the dedup window and an hour; failed runs stay for inspection), and the admission
/// ledger's expired claims, so the task hub follows the work rather than every event.
/// </summary>
public sealed class PurgeTimerFunction(InstancePurger purger)
{
    [Function(FunctionNames.PurgeTimer)]
    public Task RunAsync([TimerTrigger("0 */15 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
        => purger.PurgeAsync(client, cancellationToken);
}
