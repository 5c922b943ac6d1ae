using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Sources;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Cli.Runtime;

/// <summary>
/// Wakes Core's <see cref="SourceClock"/> at each PingSource/CronJobSource tick (each on its own cron schedule and time
/// zone), as the Functions app's timer wakes it each minute: the clock fires what is due from its cursor, so on a task
/// hub on storage the ticks missed while fseq was down fire as it starts, as the app's do at its first wake.
/// </summary>
internal sealed partial class SourceScheduler(ManifestSet manifests, SourceClock clock, DurableTaskClient client, TimeProvider time, ILogger<SourceScheduler> logger) : BackgroundService
{
    // How long to wait before asking storage again for where the sources left off.
    private static readonly TimeSpan StartRetry = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        CronSchedule[] schedules = [.. manifests.Sources.Select(s => CronSchedule.Parse(s.Schedule, s.TimeZone))];
        if (schedules.Length == 0)
        {
            await ForgetAsync(stoppingToken);
            return;
        }

        try
        {
            DateTimeOffset from = time.GetUtcNow();
            if (await StartClockAsync(stoppingToken))
            {
                from = time.GetUtcNow();
                await WakeAsync(from, stoppingToken);
            }

            while (schedules.Select(s => s.GetNextOccurrence(from)).Where(n => n is not null).Min() is { } next)
            {
                LogNext(logger, next);
                for (TimeSpan wait = next - time.GetUtcNow(); wait > TimeSpan.Zero; wait = next - time.GetUtcNow())
                {
                    await Task.Delay(wait, time, stoppingToken);
                }

                await WakeAsync(next, stoppingToken);
                from = next;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Starts the clock, asking again while its cursor's storage does not answer; true when a cursor was kept.</summary>
    private async Task<bool> StartClockAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                return await clock.StartAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogStartFailed(logger, ex, StartRetry.TotalSeconds);
                await Task.Delay(StartRetry, time, stoppingToken);
            }
        }
    }

    /// <summary>
    /// With no sources, has the cursor forget an earlier run's, so that one declared again starts afresh; once, as there is
    /// nothing to fire: a failure is left for a later start.
    /// </summary>
    private async Task ForgetAsync(CancellationToken stoppingToken)
    {
        try
        {
            await clock.StartAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogForgetFailed(logger, ex);
        }
    }

    /// <summary>Fires what is due up to <paramref name="due"/>; a failure of the cursor's storage leaves it where it was, for the next wake.</summary>
    private async Task WakeAsync(DateTimeOffset due, CancellationToken stoppingToken)
    {
        try
        {
            await clock.FireDueAsync(client, due, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogWakeFailed(logger, ex, due);
        }
    }

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "The sources fire next at {Next:o}")]
    private static partial void LogNext(ILogger logger, DateTimeOffset next);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "The sources could not read where they left off; asking again in {Seconds} s")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, double seconds);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Debug, Message = "The sources of an earlier run could not be forgotten; a later start tries again")]
    private static partial void LogForgetFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "The sources' wake due at {Due:o} failed; its ticks fire at the next wake")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception, DateTimeOffset due);
}
