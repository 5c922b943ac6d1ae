using Cronos;

namespace FunctionsSequence.Core.Sources;

/// <summary>
/// A PingSource schedule: Knative's 5-field cron (minute granularity) or 6 fields with seconds,
/// in an IANA time zone. Converts to the 6-field NCRONTAB that Azure Functions timers take.
/// </summary>
public sealed class CronSchedule
{
    private readonly CronExpression expression;

    private CronSchedule(string text, CronExpression expression, TimeZoneInfo timeZone, bool hasSeconds)
    {
        Text = text;
        this.expression = expression;
        TimeZone = timeZone;
        HasSeconds = hasSeconds;
    }

    /// <summary>The schedule as written, less a <c>CRON_TZ=</c> prefix.</summary>
    public string Text { get; }

    /// <summary>The time zone the schedule is evaluated in (UTC when none was given).</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>True when the schedule has a seconds field.</summary>
    public bool HasSeconds { get; }

    /// <summary>Parses a schedule; throws <see cref="FormatException"/> with the reason when it is not cron.</summary>
    public static CronSchedule Parse(string schedule, string? timeZone = null)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        string text = schedule.Trim();
        if (ZonePrefix(text) is { } prefix)
        {
            // Knative's cron library takes the zone in the schedule itself ("CRON_TZ=Europe/Paris 0 9 * * *").
            if (!string.IsNullOrWhiteSpace(timeZone))
            {
                throw new FormatException($"'{schedule}' names a time zone and so does the timezone field; set only one of them");
            }

            timeZone = prefix.Zone;
            text = prefix.Schedule;
        }

        TimeZoneInfo zone = ParseTimeZone(timeZone);
        if (text.StartsWith("@every", StringComparison.Ordinal))
        {
            throw new FormatException($"'{schedule}': intervals (@every) are not supported here; write the schedule as cron, e.g. '*/5 * * * *' for every 5 minutes");
        }

        bool macro = text.StartsWith('@');
        int fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (!macro && fields is not (5 or 6))
        {
            throw new FormatException($"'{schedule}' has {fields} field(s); a cron schedule has 5 (minute hour day-of-month month day-of-week) or 6 (with seconds first)");
        }

        bool seconds = fields == 6 || text is "@every_second";
        try
        {
            CronExpression expression = CronExpression.Parse(text, seconds ? CronFormat.IncludeSeconds : CronFormat.Standard);
            return new CronSchedule(text, expression, zone, seconds);
        }
        catch (CronFormatException ex)
        {
            throw new FormatException($"'{schedule}' is not a cron schedule: {ex.Message}", ex);
        }
    }

    /// <summary>The zone of a schedule that starts with <c>CRON_TZ=</c> or <c>TZ=</c>, and the schedule after it.</summary>
    private static (string Zone, string Schedule)? ZonePrefix(string text)
    {
        foreach (string key in (ReadOnlySpan<string>)["CRON_TZ=", "TZ="])
        {
            if (text.StartsWith(key, StringComparison.Ordinal))
            {
                int space = text.IndexOf(' ', StringComparison.Ordinal);
                return space < 0
                    ? throw new FormatException($"'{text}' names a time zone but no schedule after it")
                    : (text[key.Length..space], text[(space + 1)..].Trim());
            }
        }

        return null;
    }

    /// <summary>Resolves an IANA (or Windows) time zone id; null or empty means UTC.</summary>
    public static TimeZoneInfo ParseTimeZone(string? timeZone)
    {
        if (string.IsNullOrWhiteSpace(timeZone))
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        }
        catch (TimeZoneNotFoundException ex)
        {
            throw new FormatException($"'{timeZone}' is not a known time zone (use an IANA name such as 'Europe/Paris')", ex);
        }
    }

    /// <summary>The first tick strictly after <paramref name="from"/>, or null when there is none.</summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset from)
        => expression.GetNextOccurrence(from, TimeZone, inclusive: false);

    /// <summary>
    /// The 6-field NCRONTAB form (<c>{second} {minute} {hour} {day} {month} {day-of-week}</c>) an
    /// Azure Functions timer takes: a 5-field schedule gets second 0 rather than being rejected.
    /// </summary>
    public string ToNcrontab()
    {
        if (Text.StartsWith('@'))
        {
            return Text switch
            {
                "@yearly" or "@annually" => "0 0 0 1 1 *",
                "@monthly" => "0 0 0 1 * *",
                "@weekly" => "0 0 0 * * 0",
                "@daily" or "@midnight" => "0 0 0 * * *",
                "@hourly" => "0 0 * * * *",
                "@every_second" => "* * * * * *",
                _ => "0 * * * * *",
            };
        }

        return HasSeconds ? Text : "0 " + Text;
    }
}
