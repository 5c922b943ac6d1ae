using System.Globalization;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Sources;

/// <summary>
/// Checks the sources against the timer that fires them where it wakes on a schedule of its own (the Functions app's
/// <c>SourceTickSchedule</c>): a source that ticks twice between two wakes has those ticks sent together at the second,
/// each with its own time, where Knative's PingSource sends each at its time; beyond <see cref="SourceTicks"/>' 60 per
/// wake, the earliest are not sent at all.
/// </summary>
public static class SourceWakeCheck
{
    // How far ahead the ticks are compared with the wakes: enough for any schedule that ticks more than once a wake to show it.
    private const int TicksLooked = 1_000;
    private static readonly TimeSpan Ahead = TimeSpan.FromDays(8);

    /// <summary>A warning at each source of <paramref name="manifests"/> that ticks twice between two of <paramref name="wakes"/>, looking ahead from <paramref name="from"/>.</summary>
    public static IReadOnlyList<ManifestDiagnostic> Check(ManifestSet manifests, CronSchedule wakes, DateTimeOffset from)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        ArgumentNullException.ThrowIfNull(wakes);
        var warnings = new List<ManifestDiagnostic>();
        foreach (PingSourceResource source in manifests.Sources)
        {
            if (SharedWake(CronSchedule.Parse(source.Schedule, source.TimeZone), wakes, from) is ({ } first, { } second))
            {
                warnings.Add(new ManifestDiagnostic(DiagnosticSeverity.Warning, source.Metadata.Location, $"{source.Kind}/{source.Name}", "spec.schedule",
                    $"'{source.Schedule}' ticks twice between two wakes of the app's source timer (SourceTickSchedule '{wakes.Text}'): its ticks at {Shown(first)} and {Shown(second)} "
                    + "are sent together at the next wake, each with its own time, where Knative sends each at its time (and of more than 60 between two wakes, only the last 60); "
                    + "set SourceTickSchedule to wake at least as often as the source ticks"));
            }
        }

        return warnings;
    }

    /// <summary>The first two consecutive ticks of <paramref name="schedule"/> after <paramref name="from"/> that one wake sends; null when none within the look ahead.</summary>
    private static (DateTimeOffset, DateTimeOffset)? SharedWake(CronSchedule schedule, CronSchedule wakes, DateTimeOffset from)
    {
        DateTimeOffset? previous = null;
        DateTimeOffset? previousWake = null;
        DateTimeOffset? tick = schedule.GetNextOccurrence(from);
        DateTimeOffset first = tick ?? from; // the look ahead starts at the first tick: a source of some days only is judged on them
        for (int i = 0; i < TicksLooked && tick is { } t && t - first <= Ahead; i++, tick = schedule.GetNextOccurrence(t))
        {
            DateTimeOffset? wake = wakes.GetNextOccurrence(t - TimeSpan.FromTicks(1)); // the first wake at or after the tick, which sends it
            if (previous is { } p && wake is not null && wake == previousWake)
            {
                return (p, t);
            }

            (previous, previousWake) = (t, wake);
        }

        return null;
    }

    private static string Shown(DateTimeOffset tick) => tick.UtcDateTime.ToString("HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
