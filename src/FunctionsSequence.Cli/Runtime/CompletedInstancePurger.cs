using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Cli.Runtime;

/// <summary>
/// The engine keeps every instance forever; once a second this purges, in one call, those that
/// succeeded more than <see cref="KeepFor"/> ago, so memory follows the work in flight rather than
/// every event ever seen. Failed instances are kept for inspection. The delay leaves a finished
/// instance in place long enough for an activity replay to find it and count as a duplicate.
/// </summary>
internal sealed partial class CompletedInstancePurger(DurableTaskClient client, ILogger<CompletedInstancePurger> logger) : BackgroundService
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    // An explicit lower bound: the in-memory service fails on an open-ended filter.
                    var filter = new PurgeInstancesFilter(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow - KeepFor, [OrchestrationRuntimeStatus.Completed]);
                    await client.PurgeAllInstancesAsync(filter, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogPurgeFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Purging finished instances failed; will try again")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
