using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Sources;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Cli.Runtime;

/// <summary>Fires every PingSource/CronJobSource on its own cron schedule and time zone.</summary>
internal sealed partial class SourceScheduler(ManifestSet manifests, SourceFirer firer, DurableTaskClient client, TimeProvider time, ILogger<SourceScheduler> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(manifests.Sources.Select(source => RunAsync(source, stoppingToken)));

    private async Task RunAsync(PingSourceResource source, CancellationToken stoppingToken)
    {
        CronSchedule schedule = CronSchedule.Parse(source.Schedule, source.TimeZone);
        DateTimeOffset from = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            if (schedule.GetNextOccurrence(from) is not { } next)
            {
                return;
            }

            LogNext(logger, source.Kind, source.Name, next);
            TimeSpan wait = next - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            await firer.FireAsync(client, source, next, stoppingToken);
            from = next;
        }
    }

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "{Kind} {Source} fires next at {Next:o}")]
    private static partial void LogNext(ILogger logger, string kind, string source, DateTimeOffset next);
}
