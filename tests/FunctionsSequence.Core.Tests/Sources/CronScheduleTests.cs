using System.Globalization;
using FunctionsSequence.Core.Sources;

namespace FunctionsSequence.Core.Tests.Sources;

public sealed class CronScheduleTests
{
    [Theory]
    [InlineData("*/1 * * * *", "0 */1 * * * *")]
    [InlineData("30 2 * * 1-5", "0 30 2 * * 1-5")]
    [InlineData("*/10 * * * * *", "*/10 * * * * *")]
    [InlineData("@hourly", "0 0 * * * *")]
    public void Knative_schedules_convert_to_six_field_ncrontab(string knative, string ncrontab) =>
        Assert.Equal(ncrontab, CronSchedule.Parse(knative).ToNcrontab());

    [Theory]
    [InlineData("")]
    [InlineData("* * *")]
    [InlineData("every minute")]
    [InlineData("99 * * * *")]
    public void Anything_else_is_refused_with_the_reason(string schedule) =>
        Assert.Throws<FormatException>(() => CronSchedule.Parse(schedule));

    [Fact]
    public void Next_tick_follows_the_time_zone()
    {
        CronSchedule schedule = CronSchedule.Parse("0 9 * * *", "Asia/Shanghai");
        DateTimeOffset from = DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture);

        Assert.Equal(DateTimeOffset.Parse("2026-01-01T01:00:00Z", CultureInfo.InvariantCulture), schedule.GetNextOccurrence(from));
    }
}
