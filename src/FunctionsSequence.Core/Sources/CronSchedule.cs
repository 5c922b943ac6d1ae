using Cronos;

namespace FunctionsSequence.Core.Sources;

/// <summary>
/// A PingSource schedule: Knative's 5-field cron (minute granularity) or 6 fields with seconds,
/// in an IANA time zone, evaluated as Knative's cron library evaluates it.
/// </summary>
public sealed class CronSchedule
{
    // One expression, or two when both day fields restrict the days: Cronos fires only on days that
    // match both, Knative on days that match either, so each day field gets an expression of its own.
    private readonly CronExpression[] expressions;

    private CronSchedule(string text, CronExpression[] expressions, TimeZoneInfo timeZone)
    {
        Text = text;
        this.expressions = expressions;
        TimeZone = timeZone;
    }

    /// <summary>The schedule as written, less a <c>CRON_TZ=</c> prefix.</summary>
    public string Text { get; }

    /// <summary>The time zone the schedule is evaluated in (UTC when none was given).</summary>
    public TimeZoneInfo TimeZone { get; }

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
        string[] fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries); // on any white space, as robfig's strings.Fields
        if (!macro && fields.Length is not (5 or 6))
        {
            throw new FormatException($"'{schedule}' has {fields.Length} field(s); a cron schedule has 5 (minute hour day-of-month month day-of-week) or 6 (with seconds first)");
        }

        CronFormat format = fields.Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        try
        {
            if (macro)
            {
                KnativeCronFields.CheckDescriptor(schedule, text);
                return new CronSchedule(text, [CronExpression.Parse(text, format)], zone);
            }

            string[] cron = KnativeCronFields.Normalize(schedule, fields);
            int dayOfMonth = fields.Length - 3, dayOfWeek = fields.Length - 1;
            CronExpression[] expressions = KnativeCronFields.Restricts(fields[dayOfMonth]) && KnativeCronFields.Restricts(fields[dayOfWeek])
                ? [CronExpression.Parse(Join(cron, dayOfWeek), format), CronExpression.Parse(Join(cron, dayOfMonth), format)]
                : [CronExpression.Parse(Join(cron, -1), format)];
            return new CronSchedule(text, expressions, zone);
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

    /// <summary>
    /// Resolves an IANA time zone name as Knative does, with Go's <c>time.LoadLocation</c>: the name exactly as the IANA
    /// database spells it (a Windows id, or another case, is refused, naming the IANA one); null, empty or <c>Local</c>
    /// means UTC, the zone of Knative's adapter container.
    /// </summary>
    public static TimeZoneInfo ParseTimeZone(string? timeZone)
    {
        if (string.IsNullOrWhiteSpace(timeZone) || timeZone == "Local")
        {
            return TimeZoneInfo.Utc;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out TimeZoneInfo? zone) && zone.HasIanaId && zone.Id == timeZone)
        {
            return zone;
        }

        // The lookup's case rules depend on the file system and on what .NET has cached, so the IANA name to suggest is
        // looked for among all zones, whatever the case.
        string? iana = timeZone.Equals("UTC", StringComparison.OrdinalIgnoreCase)
            ? "UTC"
            : TimeZoneInfo.GetSystemTimeZones().FirstOrDefault(z => z.HasIanaId && z.Id.Equals(timeZone, StringComparison.OrdinalIgnoreCase))?.Id
                ?? (TimeZoneInfo.TryConvertWindowsIdToIanaId(timeZone, out string? converted) ? converted : null);
        throw new FormatException(zone is null && iana is null
            ? $"'{timeZone}' is not a known time zone (use an IANA name such as 'Europe/Paris')"
            : $"'{timeZone}' is not an IANA time zone name as Knative reads one (Go's time.LoadLocation: exact name and case){(iana is null ? string.Empty : $"; write '{iana}'")}");
    }

    /// <summary>The first tick strictly after <paramref name="from"/>, or null when there is none.</summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset from) =>
        expressions.Select(e => e.GetNextOccurrence(from, TimeZone, inclusive: false)).Min();

    /// <summary>The fields again, with the one at <paramref name="any"/> (if any) made <c>*</c>.</summary>
    private static string Join(string[] fields, int any) => string.Join(' ', fields.Select((f, i) => i == any ? "*" : f));
}
