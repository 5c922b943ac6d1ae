using Microsoft.Extensions.Hosting;

namespace FunctionsSequence.Core.Delivery;

/// <summary>
/// Whether the Functions app has begun to stop. An attempt that fails then may have failed because of the stop itself
/// (its HTTP client disposed, its connection cut), so it does not count: the activity throws instead of returning it,
/// and the Functions host, which aborts and retries an invocation that fails while it stops, runs the activity again
/// after the restart. Returned, the failure would use up the hop's retries, or end the run when it has none, for an
/// outage that was only a deploy or a scale-in. fseq keeps the default, never stopping: its engine records an activity
/// that throws as failed, which would fail the whole run.
/// </summary>
/// <param name="lifetime">The host's lifetime; none (fseq, tests) means never stopping.</param>
public sealed class AppStopping(IHostApplicationLifetime? lifetime = null)
{
    /// <summary>True once the host has begun to stop.</summary>
    public bool IsStopping => lifetime?.ApplicationStopping.IsCancellationRequested == true;

    /// <summary>Returns <paramref name="results"/>, or throws when the app is stopping and one of them failed.</summary>
    /// <exception cref="OperationCanceledException">The app is stopping and an attempt failed.</exception>
    public DeliveryResult[] Check(DeliveryResult[] results, string what)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (Array.Exists(results, r => !r.Succeeded))
        {
            ThrowIfStopping(what);
        }

        return results;
    }

    /// <summary>For a failure: throws when the app is stopping, so that the failure does not count.</summary>
    /// <exception cref="OperationCanceledException">The app is stopping.</exception>
    public void ThrowIfStopping(string what)
    {
        if (IsStopping)
        {
            throw new OperationCanceledException($"{what}: the app is stopping, so a failed attempt does not count; it runs again after the restart", lifetime!.ApplicationStopping);
        }
    }
}
