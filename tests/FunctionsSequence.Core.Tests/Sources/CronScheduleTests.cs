using System.Globalization;
using FunctionsSequence.Core.Sources;

namespace FunctionsSequence.Core.Tests.Sources;

public sealed class CronScheduleTests
{
    [Theory]
    [InlineData("0 9 13 * 5", "2026-02-06 2026-02-13 2026-02-20 2026-02-27 2026-03-06 2026-03-13")] // the 13th, and Fridays
    [InlineData("0 9 */2 * 1", "2026-02-01 2026-02-02 2026-02-03 2026-02-05 2026-02-07")] // a step restricts the days too
    [InlineData("0 9 13 * *", "2026-02-13 2026-03-13")]
    [InlineData("0 9 ? * FRI", "2026-02-06 2026-02-13 2026-02-20")]
    [InlineData("0 9 * * 1-5", "2026-02-02 2026-02-03 2026-02-04 2026-02-05 2026-02-06 2026-02-09")]
    [InlineData("0 0 9 13 * 5", "2026-02-06 2026-02-13 2026-02-20")] // with seconds
    public void A_day_matching_either_day_field_fires_when_both_restrict_the_days_as_in_Knatives_cron(string schedule, string days)
    {
        CronSchedule parsed = CronSchedule.Parse(schedule);
        DateTimeOffset? tick = DateTimeOffset.Parse("2026-02-01T00:00:00Z", CultureInfo.InvariantCulture);
        var fired = new List<string>();
        foreach (string _ in days.Split(' '))
        {
            tick = parsed.GetNextOccurrence(tick!.Value);
            Assert.Equal(TimeSpan.FromHours(9), tick!.Value.TimeOfDay);
            fired.Add(tick.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        Assert.Equal(days, string.Join(' ', fired));
    }

    [Theory]
    [InlineData("0 9 L * *", "'L' in the day-of-month field is not Knative's cron")]
    [InlineData("0 9 15W * *", "'15W' in the day-of-month field")]
    [InlineData("0 9 * * MON#2", "'MON#2' in the day-of-week field")]
    [InlineData("0 9 * * 7", "'7' in the day-of-week field is out of range: Knative's cron takes 0-6, Sunday being 0")]
    [InlineData("0 9 * * 5-7", "'5-7' in the day-of-week field is out of range")]
    [InlineData("0 22-2 * * *", "'22-2' in the hour field runs backwards")]
    [InlineData("0 9 * * FRI-MON", "'FRI-MON' in the day-of-week field runs backwards")]
    [InlineData("0 9 * NOV-FEB *", "'NOV-FEB' in the month field runs backwards")]
    [InlineData("0-99/100 * * * *", "'0-99/100' in the minute field is out of range: the minute field takes 0-59")]
    [InlineData("0 20-30/20 * * *", "'20-30/20' in the hour field is out of range: the hour field takes 0-23")]
    [InlineData("JAN/60 * * * *", "'JAN/60' in the minute field: 'JAN' is not a number")]
    [InlineData("0 9 * * 1/0", "'1/0' in the day-of-week field has a step of 0")]
    [InlineData("@Hourly", "'@Hourly' is not one of Knative's cron descriptors (@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, in lower case)")]
    public void Syntax_Knatives_cron_refuses_is_refused_naming_the_field_also_where_Cronos_would_read_it(string schedule, string expected)
    {
        FormatException refused = Assert.Throws<FormatException>(() => CronSchedule.Parse(schedule));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*/60 * * * *", "2026-01-01T00:00", "2026-01-01 01:00, 2026-01-01 02:00")] // a step longer than its range: its start only
    [InlineData("0 */24 * * *", "2026-01-01T00:00", "2026-01-02 00:00, 2026-01-03 00:00")]
    [InlineData("5/60 9 * * *", "2026-01-01T00:00", "2026-01-01 09:05, 2026-01-02 09:05")]
    [InlineData("0 9-10/5 * * *", "2026-01-01T00:00", "2026-01-01 09:00, 2026-01-02 09:00")]
    [InlineData("0 9 * JAN-MAR/5 *", "2026-01-31T10:00", "2027-01-01 09:00, 2027-01-02 09:00")] // January only
    [InlineData("005 09 * * *", "2026-01-01T00:00", "2026-01-01 09:05, 2026-01-02 09:05")] // leading zeros
    [InlineData("0\t9 * *\t*", "2026-01-01T00:00", "2026-01-01 09:00, 2026-01-02 09:00")] // tabs between fields
    [InlineData("@hourly", "2026-01-01T00:00", "2026-01-01 01:00, 2026-01-01 02:00")]
    [InlineData("0-30/30 * * * *", "2026-01-01T00:00", "2026-01-01 00:30, 2026-01-01 01:00")] // a step as long as its range: both ends
    [InlineData("*-30/40 * * * *", "2026-01-01T00:00", "2026-01-01 00:40, 2026-01-01 01:00")] // robfig reads *-30 as *
    [InlineData("*/005 * * * *", "2026-01-01T00:00", "2026-01-01 00:05, 2026-01-01 00:10")]
    [InlineData("0 9 */01 * 1", "2026-01-01T00:00", "2026-01-05 09:00, 2026-01-12 09:00")] // */1 is any day: Mondays only
    [InlineData("0 9 *,5 * 1", "2026-01-01T00:00", "2026-01-05 09:00, 2026-01-12 09:00")] // a list with * too
    [InlineData("*/1,30 9 * * *", "2026-01-01T00:00", "2026-01-01 09:00, 2026-01-01 09:01")]
    public void Schedules_Knatives_cron_takes_and_Cronos_would_not_read_as_written_fire_as_robfig_fires_them(string schedule, string from, string expected)
    {
        CronSchedule parsed = CronSchedule.Parse(schedule);
        DateTimeOffset tick = DateTimeOffset.Parse(from + "Z", CultureInfo.InvariantCulture);
        var fired = new List<string>();
        for (int i = 0; i < 2; i++)
        {
            tick = parsed.GetNextOccurrence(tick)!.Value;
            fired.Add(tick.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        }

        Assert.Equal(expected, string.Join(", ", fired));
    }

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
    }

    [Theory]
    [InlineData("Pacific Standard Time", "; write 'America/Los_Angeles'")]
    [InlineData("asia/kolkata", "; write 'Asia/Kolkata'")]
    [InlineData("europe/oslo", "; write 'Europe/Oslo'")] // a zone no other test has looked up, so none .NET has cached
    [InlineData("utc", "; write 'UTC'")]
    public void A_zone_that_is_not_an_iana_name_as_written_is_refused_naming_the_iana_one_as_Go_reads_zones(string zone, string advice)
    {
        FormatException refused = Assert.Throws<FormatException>(() => CronSchedule.ParseTimeZone(zone));

        Assert.Equal($"'{zone}' is not an IANA time zone name as Knative reads one (Go's time.LoadLocation: exact name and case){advice}", refused.Message);
    }

    [Theory]
    [InlineData("Local", "UTC")]
    [InlineData("", "UTC")]
    [InlineData("Asia/Kolkata", "Asia/Kolkata")]
    public void An_iana_name_is_that_zone_and_Local_is_utc_as_in_Knatives_adapter(string zone, string id) =>
        Assert.Equal(id, CronSchedule.ParseTimeZone(zone).Id);

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
