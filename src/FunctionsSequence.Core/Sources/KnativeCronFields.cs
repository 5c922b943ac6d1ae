using System.Globalization;
using System.Text.RegularExpressions;

namespace FunctionsSequence.Core.Sources;

/// <summary>
/// The cron grammar Knative's PingSource takes (robfig/cron's standard parser), where it differs from
/// Cronos, which evaluates the schedule here: no <c>L</c>, <c>W</c> or <c>#</c>, day-of-week 0-6, and a
/// day-of-month and a day-of-week that both restrict the days matching either one, as in Vixie cron.
/// </summary>
internal static partial class KnativeCronFields
{
    private static readonly string[] FiveFields = ["minute", "hour", "day-of-month", "month", "day-of-week"];
    private static readonly string[] SixFields = ["second", .. FiveFields];

    private static readonly (int Min, int Max)[] FiveBounds = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 6)];
    private static readonly (int Min, int Max)[] SixBounds = [(0, 59), .. FiveBounds];

    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] Days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    /// <summary>The descriptors robfig/cron takes, spelled as it matches them: exactly, in lower case.</summary>
    private static readonly string[] Descriptors = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

    /// <summary>
    /// The fields (5, or 6 with seconds first) as Cronos is to read what Knative's cron means by them:
    /// numbers written plainly (<c>05</c> as <c>5</c>; Cronos reads two digits at most) and a step longer
    /// than its range as the range's start, the one value robfig fires on (<c>*/60</c> in minutes is
    /// <c>0</c>; Cronos refuses it). Throws <see cref="FormatException"/> naming the field for syntax
    /// Knative's cron refuses, a range that runs backwards too (Cronos would wrap it).
    /// </summary>
    public static string[] Normalize(string schedule, IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        string[] names = fields.Count == 6 ? SixFields : FiveFields;
        (int Min, int Max)[] bounds = fields.Count == 6 ? SixBounds : FiveBounds;
        var normalized = new string[fields.Count];
        for (int i = 0; i < fields.Count; i++)
        {
            normalized[i] = string.Join(',', fields[i].Split(',').Select(part => NormalizePart(schedule, part, names[i], bounds[i])));
        }

        return normalized;
    }

    /// <summary>Throws <see cref="FormatException"/> unless <paramref name="descriptor"/> is one robfig/cron takes.</summary>
    public static void CheckDescriptor(string schedule, string descriptor)
    {
        if (!Descriptors.Contains(descriptor, StringComparer.Ordinal))
        {
            throw new FormatException($"'{schedule}': '{descriptor}' is not one of Knative's cron descriptors ({string.Join(", ", Descriptors)}, in lower case)");
        }
    }

    private static string NormalizePart(string schedule, string part, string field, (int Min, int Max) bounds)
    {
        Match match = Part().Match(part);
        if (!match.Success)
        {
            throw new FormatException(
                $"'{schedule}': '{part}' in the {field} field is not Knative's cron, which takes numbers, names (JAN, MON), *, ?, ranges (1-5), lists (1,15) and steps (*/5); L, W and # are not part of it");
        }

        string low = match.Groups["low"].Value, high = match.Groups["high"].Value, step = match.Groups["step"].Value;
        int? lowNumber = Value(low), highNumber = Value(high);
        if (field == "day-of-week" && (lowNumber > 6 || highNumber > 6))
        {
            throw new FormatException($"'{schedule}': '{part}' in the day-of-week field is out of range: Knative's cron takes 0-6, Sunday being 0");
        }

        if (lowNumber > highNumber)
        {
            throw new FormatException($"'{schedule}': '{part}' in the {field} field runs backwards: Knative's cron refuses a range whose start is beyond its end");
        }

        bool any = low is "*" or "?";
        int? start = any ? bounds.Min : lowNumber;
        int? end = highNumber ?? (any || step.Length > 0 ? bounds.Max : lowNumber);
        if (Number(step) is { } by && start is { } from && end is { } to && by > to - from && by > 0)
        {
            return from.ToString(CultureInfo.InvariantCulture);
        }

        return $"{Plain(low)}{(high.Length > 0 ? "-" + Plain(high) : "")}{(step.Length > 0 ? "/" + step : "")}";
    }

    /// <summary>A number without its leading zeros; anything else as written.</summary>
    private static string Plain(string text) => Number(text) is { } number ? number.ToString(CultureInfo.InvariantCulture) : text;

    private static int? Number(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int number) ? number : null;

    /// <summary>A number, or the value of a month's or a day's name (JAN is 1, SUN is 0), as robfig reads them.</summary>
    private static int? Value(string text) =>
        Number(text) ?? (Array.FindIndex(Months, m => m.Equals(text, StringComparison.OrdinalIgnoreCase)) is >= 0 and var month ? month + 1
            : Array.FindIndex(Days, d => d.Equals(text, StringComparison.OrdinalIgnoreCase)) is >= 0 and var day ? day : null);

    /// <summary>
    /// Whether a day field restricts the days: anything but <c>*</c> or <c>?</c> (with no step, or a step of 1).
    /// When both day fields do, a day matching either one fires (robfig/cron's dayMatches).
    /// </summary>
    public static bool Restricts(string field) => field is not ("*" or "?" or "*/1" or "?/1");

    [GeneratedRegex(@"^(?<low>\*|\?|[0-9]+|[A-Za-z]{3})(-(?<high>[0-9]+|[A-Za-z]{3}))?(/(?<step>[0-9]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
