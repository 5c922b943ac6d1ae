using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Cli.Runtime;

/// <summary>
/// The in-memory engine keeps every instance forever; this purges the ones that succeeded, so
/// memory stays bounded by the work in flight rather than growing with every event. Failed
/// instances are kept for inspection. The delay leaves a finished instance in place long enough
/// for an activity replay to find it and be recognised as a duplicate.
/// </summary>
internal sealed partial class CompletedInstancePurger(FlowTracker tracker, DurableTaskClient client, ILogger<CompletedInstancePurger> logger) : BackgroundService
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach ((string id, DateTimeOffset at) in tracker.Succeeded.ReadAllAsync(stoppingToken))
            {
                TimeSpan wait = at + KeepFor - DateTimeOffset.UtcNow;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, stoppingToken);
                }

                try
                {
                    await client.PurgeInstanceAsync(id, cancellation: stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogPurgeFailed(logger, ex, id);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not purge {InstanceId}")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception, string instanceId);
}
