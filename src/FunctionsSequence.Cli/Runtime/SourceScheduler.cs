using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Sources;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Cli.Runtime;

/// <summary>
/// Wakes Core's <see cref="SourceClock"/> at each PingSource/CronJobSource tick (each on its own cron schedule and time
/// zone), as the Functions app's timer wakes it each minute: the clock fires what is due from its cursor, so on a task
/// hub on storage the ticks missed while fseq was down fire at its first wake, as the app's do.
/// </summary>
internal sealed partial class SourceScheduler(ManifestSet manifests, SourceClock clock, DurableTaskClient client, TimeProvider time, ILogger<SourceScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (manifests.Sources.Count == 0)
        {
            return;
        }

        CronSchedule[] schedules = [.. manifests.Sources.Select(s => CronSchedule.Parse(s.Schedule, s.TimeZone))];
        try
        {
            await clock.StartAsync(stoppingToken);
            DateTimeOffset from = time.GetUtcNow();
            while (schedules.Select(s => s.GetNextOccurrence(from)).Where(n => n is not null).Min() is { } next)
            {
                LogNext(logger, next);
                for (TimeSpan wait = next - time.GetUtcNow(); wait > TimeSpan.Zero; wait = next - time.GetUtcNow())
                {
                    await Task.Delay(wait, time, stoppingToken);
                }

                await clock.FireDueAsync(client, stoppingToken);
                from = next;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "The sources fire next at {Next:o}")]
    private static partial void LogNext(ILogger logger, DateTimeOffset next);
}
