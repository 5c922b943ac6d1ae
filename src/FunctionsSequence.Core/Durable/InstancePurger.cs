using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Durable;

/// <summary>
/// Purges runs that succeeded more than <paramref name="keepFor"/> ago, in one call, so storage (or
/// the in-memory engine's memory) follows the work in flight rather than every event ever seen.
/// Failed runs are kept for inspection. Hosts call it on a timer.
/// </summary>
/// <param name="keepFor">How long a finished run is kept: long enough that an activity replaying late finds it and counts as a duplicate.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">Where failures go (the next call tries again).</param>
public sealed partial class InstancePurger(TimeSpan keepFor, TimeProvider time, ILogger<InstancePurger> logger)
{
    /// <summary>How long a finished run is kept.</summary>
    public TimeSpan KeepFor { get; } = keepFor;

    /// <summary>Purges the runs that completed before now minus <see cref="KeepFor"/>; returns how many, or null when the call failed.</summary>
    public async Task<int?> PurgeAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            // An explicit lower bound: the in-memory service fails on an open-ended filter. Completed
            // only: a filter with no finished status would purge running instances too.
            var filter = new PurgeInstancesFilter(DateTimeOffset.UnixEpoch, time.GetUtcNow() - KeepFor, [OrchestrationRuntimeStatus.Completed]);
            PurgeResult result = await client.PurgeAllInstancesAsync(filter, cancellationToken);
            return result.PurgedInstanceCount;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPurgeFailed(logger, ex);
            return null;
        }
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Purging finished runs failed; the next call tries again")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
