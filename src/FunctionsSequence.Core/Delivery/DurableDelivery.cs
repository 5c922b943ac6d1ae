using FunctionsSequence.Core.Api;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Delivery;

/// <summary>
/// Knative's retry loop inside an orchestration: attempts are activities and the back-off is a
/// durable timer, so a retry that is waiting survives a restart of the app.
/// </summary>
public static class DurableDelivery
{
    /// <summary>Runs <paramref name="attempt"/> until it succeeds, fails for good, or the retries run out.</summary>
    public static Task<(DeliveryResult Result, int Attempts)> DeliverAsync(
        TaskOrchestrationContext context, DeliverySpec? delivery, string what, Func<Task<DeliveryResult>> attempt)
    {
        ArgumentNullException.ThrowIfNull(context);
        ILogger logger = context.CreateReplaySafeLogger("FunctionsSequence.Delivery");
        return DeliveryLoop.RunAsync(
            delivery,
            attempt,
            wait => context.CreateTimer(wait, CancellationToken.None),
            (n, max, result, wait) => DeliveryLog.Retrying(logger, what, n, max, result.StatusCode, result.Error, wait.TotalSeconds));
    }
}
