using FunctionsSequence.Core.Api;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Delivery;

/// <summary>
/// Knative's retry loop inside an orchestration: attempts are activities and the back-off is a
/// durable timer, so a retry that is waiting survives a restart of the app.
/// </summary>
public static partial class DurableDelivery
{
    /// <summary>Runs <paramref name="attempt"/> until it succeeds, fails for good, or the retries run out.</summary>
    public static async Task<(DeliveryResult Result, int Attempts)> DeliverAsync(
        TaskOrchestrationContext context, DeliverySpec? delivery, string what, Func<Task<DeliveryResult>> attempt)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(attempt);
        ILogger logger = context.CreateReplaySafeLogger("FunctionsSequence.Delivery");
        int max = DeliveryPolicy.MaxAttempts(delivery);
        for (int n = 0; ; n++)
        {
            DeliveryResult result = await attempt();
            if (result.Succeeded || !result.Retryable || n + 1 >= max)
            {
                return (result, n + 1);
            }

            TimeSpan wait = DeliveryPolicy.Backoff(delivery, n);
            LogRetry(logger, what, n + 1, max, result.StatusCode, result.Error, wait.TotalSeconds);
            if (wait > TimeSpan.Zero)
            {
                await context.CreateTimer(wait, CancellationToken.None);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What}: attempt {Attempt}/{Max} failed ({Status}: {Error}); retrying in {Seconds:0.###} s")]
    private static partial void LogRetry(ILogger logger, string what, int attempt, int max, int status, string? error, double seconds);
}
