using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Sources;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Functions.Functions;

/// <summary>
/// Stands in for every PingSource/CronJobSource. It wakes on <c>SourceTickSchedule</c> (default
/// each minute, Knative's granularity) and fires each source's ticks since the last run it
/// recorded (the timer's schedule status, kept in storage): ticks missed while the app was down
/// are fired on restart, none twice; a tick fired twice anyway has the same event id.
/// </summary>
public sealed class SourceTimerFunction(ManifestSet manifests, SourceFirer firer, TimeProvider time)
{
    [Function(FunctionNames.SourceTimer)]
    public async Task RunAsync(
        [TimerTrigger("%SourceTickSchedule%", UseMonitor = true)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        DateTimeOffset now = time.GetUtcNow();
        DateTimeOffset from = LastRun(timer) ?? now.AddMinutes(-1);
        foreach ((PingSourceResource source, DateTimeOffset tick) in SourceTicks.Due(manifests.Sources, from, now))
        {
            await firer.FireAsync(client, source, tick, cancellationToken);
        }
    }

    private static DateTimeOffset? LastRun(TimerInfo timer)
    {
        DateTime? last = timer.ScheduleStatus?.Last;
        if (last is not { } value || value == DateTime.MinValue)
        {
            return null;
        }

        return new DateTimeOffset(DateTime.SpecifyKind(value, value.Kind == DateTimeKind.Local ? DateTimeKind.Local : DateTimeKind.Utc));
    }
}
