using FunctionsSequence.Core.Api;

namespace FunctionsSequence.Core.Delivery;

/// <summary>Knative's retry loop, whatever does the waiting (a durable timer, or a delay in process).</summary>
public static class DeliveryLoop
{
    /// <summary>Runs <paramref name="attempt"/> until it succeeds, fails for good, or the retries run out.</summary>
    /// <param name="delivery">The delivery spec (null: one attempt).</param>
    /// <param name="attempt">One attempt.</param>
    /// <param name="wait">Waits before the next attempt.</param>
    /// <param name="retrying">Told about each retry: (attempt that failed, of how many, its result, the wait).</param>
    public static async Task<(DeliveryResult Result, int Attempts)> RunAsync(
        DeliverySpec? delivery, Func<Task<DeliveryResult>> attempt, Func<TimeSpan, Task> wait, Action<int, int, DeliveryResult, TimeSpan>? retrying = null)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(wait);
        int max = DeliveryPolicy.MaxAttempts(delivery);
        for (int n = 0; ; n++)
        {
            DeliveryResult result = await attempt();
            if (result.Succeeded || !result.Retryable || n + 1 >= max)
            {
                return (result, n + 1);
            }

            TimeSpan backoff = DeliveryPolicy.Backoff(delivery, n);
            retrying?.Invoke(n + 1, max, result, backoff);
            if (backoff > TimeSpan.Zero)
            {
                await wait(backoff);
            }
        }
    }
}
