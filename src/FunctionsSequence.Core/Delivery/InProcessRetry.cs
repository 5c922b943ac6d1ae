namespace FunctionsSequence.Core.Delivery;

/// <summary>
/// Retries within one call, with no durable timers: for sends that are not a hop's attempt in an
/// orchestration (a source's tick, a reply within one activity). A send cut off by its own bound, not
/// by <c>cancellationToken</c>, is a failure like any other.
/// </summary>
public static class InProcessRetry
{
    /// <summary>
    /// Runs <paramref name="send"/>, and again after each failure <paramref name="retryable"/> accepts,
    /// at most <paramref name="retries"/> times, waiting <paramref name="first"/> and then twice as long
    /// each time; <paramref name="retrying"/> hears of each retry (numbered from 1). The last failure is thrown.
    /// </summary>
    public static async Task RunAsync(
        Func<Task> send, int retries, TimeSpan first, Func<Exception, bool> retryable, Action<Exception, int>? retrying, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(retryable);
        TimeSpan wait = first;
        for (int retry = 0; ; retry++)
        {
            try
            {
                await send();
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && retry < retries && retryable(ex))
            {
                retrying?.Invoke(ex, retry + 1);
                await Task.Delay(wait, cancellationToken);
                wait *= 2;
            }
        }
    }
}
