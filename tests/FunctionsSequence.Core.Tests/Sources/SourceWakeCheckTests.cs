using FunctionsSequence.Core.Sources;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Sources;

public sealed class SourceWakeCheckTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<ManifestDiagnostic> Check(string schedule, string wakes) =>
        SourceWakeCheck.Check(Manifests.Load(Manifests.Display + $$"""
            apiVersion: sources.knative.dev/v1
            kind: PingSource
            metadata:
              name: ping
            spec:
              schedule: "{{schedule}}"
              sink:
                ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
            """).EnsureValid(), CronSchedule.Parse(wakes), T0);

    [Theory]
    [InlineData("*/15 * * * * *", "0 * * * * *", "12:00:15 UTC and 12:00:30 UTC")]
    [InlineData("* * * * *", "0 */5 * * * *", "12:01:00 UTC and 12:02:00 UTC")]
    [InlineData("0 9,10 * * *", "0 0 */2 * * *", "09:00:00 UTC and 10:00:00 UTC")] // two ticks a day, a wake every 2 hours: they share one
    public void A_source_that_ticks_twice_between_two_wakes_is_warned_of_at_its_schedule_with_two_such_ticks(string schedule, string wakes, string ticks)
    {
        ManifestDiagnostic warning = Assert.Single(Check(schedule, wakes));

        Assert.Equal((DiagnosticSeverity.Warning, "PingSource/ping", "spec.schedule"), (warning.Severity, warning.Resource, warning.Field));
        Assert.Contains($"ticks twice between two wakes of the app's source timer (SourceTickSchedule '{wakes}'): its ticks at {ticks} are sent together at the next wake", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("* * * * *", "0 * * * * *")] // Knative's granularity, the app's default
    [InlineData("*/15 * * * * *", "*/15 * * * * *")]
    [InlineData("*/15 * * * * *", "*/5 * * * * *")]
    [InlineData("0 9 * * *", "0 0 * * * *")]
    [InlineData("0 0 31 2 *", "0 * * * * *")] // never fires (warned of where it is read)
    public void A_source_that_ticks_at_most_once_between_two_wakes_is_not_warned_of(string schedule, string wakes) =>
        Assert.Empty(Check(schedule, wakes));

    [Fact]
    public void A_source_of_some_days_only_is_judged_on_those_days_however_far_off()
    {
        var manifests = Manifests.Load(Manifests.Display + """
            apiVersion: sources.knative.dev/v1
            kind: PingSource
            metadata:
              name: monthly
            spec:
              schedule: "*/15 * * 1 * *"
              sink:
                ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
            """).EnsureValid();

        ManifestDiagnostic warning = Assert.Single(SourceWakeCheck.Check(manifests, CronSchedule.Parse("0 * * * * *"), T0.AddDays(9)));
        Assert.Contains("its ticks at 00:00:15 UTC and 00:00:30 UTC", warning.Message, StringComparison.Ordinal);
    }
}
