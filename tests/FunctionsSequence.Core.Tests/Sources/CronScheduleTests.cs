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

    [Theory]
    [InlineData("CRON_TZ=Asia/Shanghai 0 9 * * *")]
    [InlineData("TZ=Asia/Shanghai 0 9 * * *")]
    public void A_zone_written_in_the_schedule_is_the_schedule_s_zone(string written)
    {
        CronSchedule schedule = CronSchedule.Parse(written);
        DateTimeOffset from = DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture);

        Assert.Equal(DateTimeOffset.Parse("2026-01-01T01:00:00Z", CultureInfo.InvariantCulture), schedule.GetNextOccurrence(from));
        Assert.Equal("0 0 9 * * *", schedule.ToNcrontab());
    }

    [Fact]
    public void A_zone_in_both_the_schedule_and_the_timezone_field_is_refused()
    {
        FormatException refused = Assert.Throws<FormatException>(() => CronSchedule.Parse("CRON_TZ=Europe/Paris 0 9 * * *", "Asia/Shanghai"));

        Assert.Contains("set only one of them", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interval_is_refused_with_the_cron_to_write_instead()
    {
        FormatException refused = Assert.Throws<FormatException>(() => CronSchedule.Parse("@every 1m"));

        Assert.Contains("write the schedule as cron", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_tick_follows_the_time_zone()
    {
        CronSchedule schedule = CronSchedule.Parse("0 9 * * *", "Asia/Shanghai");
        DateTimeOffset from = DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture);

        Assert.Equal(DateTimeOffset.Parse("2026-01-01T01:00:00Z", CultureInfo.InvariantCulture), schedule.GetNextOccurrence(from));
    }
}
