using FunctionsSequence.Core.Api;

namespace FunctionsSequence.Core.Delivery;

/// <summary>
/// Knative's retry loop for a group of events delivered to the same destination by one activity
/// per attempt. Each event keeps its own fate: those that succeed are handed on at once, those that
/// fail in a way Knative retries wait out the back-off together (it depends only on the attempt)
/// and are tried again, the others fail for good. Only orchestrations run it: their code runs on
/// one thread, so callers' counts need no locks.
/// </summary>
public static class GroupDelivery
{
    /// <summary>Delivers <paramref name="group"/> until each event has succeeded or failed for good.</summary>
    /// <typeparam name="T">What stands for an event.</typeparam>
    /// <param name="group">The events.</param>
    /// <param name="delivery">The delivery spec (null: one attempt).</param>
    /// <param name="attempt">One attempt for each event of a group; one result per event, in order.</param>
    /// <param name="wait">Waits out a back-off (a durable timer).</param>
    /// <param name="succeeded">Takes the events of an attempt that succeeded, with their results.</param>
    /// <param name="failed">Takes an event that failed for good: its last result and the attempts made.</param>
    /// <param name="retrying">Told about each retry: (attempt that failed, of how many, a failed result, the wait, events retried).</param>
    public static async Task RunAsync<T>(
        IReadOnlyList<T> group,
        DeliverySpec? delivery,
        Func<IReadOnlyList<T>, Task<DeliveryResult[]>> attempt,
        Func<TimeSpan, Task> wait,
        Func<IReadOnlyList<(T Item, DeliveryResult Result)>, Task> succeeded,
        Func<T, DeliveryResult, int, Task> failed,
        Action<int, int, DeliveryResult, TimeSpan, int> retrying)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(wait);
        ArgumentNullException.ThrowIfNull(succeeded);
        ArgumentNullException.ThrowIfNull(failed);
        ArgumentNullException.ThrowIfNull(retrying);
        int max = DeliveryPolicy.MaxAttempts(delivery);

        async Task AttemptAsync(IReadOnlyList<T> items, int n)
        {
            DeliveryResult[] results = await attempt(items);
            if (results.Length != items.Count)
            {
                throw new InvalidOperationException($"{results.Length} result(s) for {items.Count} event(s)");
            }

            var done = new List<(T, DeliveryResult)>();
            var retry = new List<T>();
            DeliveryResult? retried = null;
            var work = new List<Task>();
            for (int i = 0; i < items.Count; i++)
            {
                DeliveryResult result = results[i];
                if (result.Succeeded)
                {
                    done.Add((items[i], result));
                }
                else if (result.Retryable && n + 1 < max)
                {
                    retry.Add(items[i]);
                    retried ??= result;
                }
                else
                {
                    work.Add(failed(items[i], result, n + 1));
                }
            }

            if (done.Count > 0)
            {
                work.Add(succeeded(done));
            }

            if (retried is not null)
            {
                TimeSpan backoff = DeliveryPolicy.Backoff(delivery, n);
                retrying(n + 1, max, retried, backoff, retry.Count);
                work.Add(RetryAsync(retry, n + 1, backoff));
            }

            await Task.WhenAll(work);
        }

        async Task RetryAsync(List<T> items, int n, TimeSpan backoff)
        {
            if (backoff > TimeSpan.Zero)
            {
                await wait(backoff);
            }

            await AttemptAsync(items, n);
        }

        if (group.Count > 0)
        {
            await AttemptAsync(group, 0);
        }
    }
}
