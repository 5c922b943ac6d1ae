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
    /// The fields (5, or 6 with seconds first) as Cronos is to read what Knative's cron means by them,
    /// each part read as robfig/cron's getRange reads it and written as plain numbers: <c>*-30</c> is
    /// <c>*</c>, <c>05</c> is <c>5</c> (Cronos reads two digits at most), and a step longer than its
    /// range is the range's start, the one value robfig fires on (<c>*/60</c> in minutes is <c>0</c>;
    /// Cronos refuses it). Throws <see cref="FormatException"/> naming the field where robfig refuses:
    /// a value out of the field's range, a name outside the month and day-of-week fields, a range that
    /// runs backwards (Cronos would wrap it), a step of 0.
    /// </summary>
    public static string[] Normalize(string schedule, IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        string[] names = fields.Count == 6 ? SixFields : FiveFields;
        (int Min, int Max)[] bounds = fields.Count == 6 ? SixBounds : FiveBounds;
        var normalized = new string[fields.Count];
        for (int i = 0; i < fields.Count; i++)
        {
            string[] parts = [.. fields[i].Split(',').Select(part => NormalizePart(schedule, part, names[i], bounds[i]))];
            normalized[i] = parts.Contains("*") ? "*" : string.Join(',', parts); // Cronos reads * only as a whole field
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

    /// <summary>
    /// Whether a day field restricts the days: robfig marks a field that has a part <c>*</c> or <c>?</c>
    /// with no step above 1 as any day. When both day fields restrict, a day matching either one fires
    /// (robfig/cron's dayMatches); else a day must match both.
    /// </summary>
    public static bool Restricts(string field) =>
        !field.Split(',').Any(part => Part().Match(part) is { Success: true } match
            && match.Groups["low"].Value is "*" or "?"
            && (match.Groups["step"].Value.Length == 0 || Number(match.Groups["step"].Value) <= 1));

    private static string NormalizePart(string schedule, string part, string field, (int Min, int Max) bounds)
    {
        Match match = Part().Match(part);
        if (!match.Success)
        {
            throw new FormatException(
                $"'{schedule}': '{part}' in the {field} field is not Knative's cron, which takes numbers, names (JAN, MON), *, ?, ranges (1-5), lists (1,15) and steps (*/5); L, W and # are not part of it");
        }

        string low = match.Groups["low"].Value, high = match.Groups["high"].Value, stepText = match.Groups["step"].Value;
        bool star = low is "*" or "?";
        int start = star ? bounds.Min : ValueOf(schedule, part, field, low);
        int end = star ? bounds.Max : high.Length > 0 ? ValueOf(schedule, part, field, high) : start;
        int step = 1;
        if (stepText.Length > 0)
        {
            step = Number(stepText) ?? throw new FormatException($"'{schedule}': '{part}' in the {field} field has a step too large");
            end = high.Length > 0 || star ? end : bounds.Max; // "5/15" runs from 5 to the field's end
        }

        if (field == "day-of-week" && end > bounds.Max)
        {
            throw new FormatException($"'{schedule}': '{part}' in the day-of-week field is out of range: Knative's cron takes 0-6, Sunday being 0");
        }

        string? wrong = start < bounds.Min || end > bounds.Max ? $"is out of range: the {field} field takes {bounds.Min}-{bounds.Max}"
            : start > end ? "runs backwards: Knative's cron refuses a range whose start is beyond its end"
            : step == 0 ? "has a step of 0: Knative's cron takes a positive step"
            : null;
        if (wrong is not null)
        {
            throw new FormatException($"'{schedule}': '{part}' in the {field} field {wrong}");
        }

        return star && step == 1 ? "*"
            : step > end - start ? start.ToString(CultureInfo.InvariantCulture)
            : step == 1 ? string.Create(CultureInfo.InvariantCulture, $"{start}-{end}")
            : string.Create(CultureInfo.InvariantCulture, $"{start}-{end}/{step}");
    }

    /// <summary>A number, or in the month and day-of-week fields a name (JAN is 1, SUN is 0), as robfig's parseIntOrName reads it.</summary>
    private static int ValueOf(string schedule, string part, string field, string text)
    {
        string[]? names = field switch { "month" => Months, "day-of-week" => Days, _ => null };
        int index = names is null ? -1 : Array.FindIndex(names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        return Number(text) ?? (index >= 0 ? (field == "month" ? index + 1 : index)
            : throw new FormatException($"'{schedule}': '{part}' in the {field} field: '{text}' is not {(names is null ? "a number" : $"a number or a name ({string.Join(", ", names)})")}"));
    }

    private static int? Number(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int number) ? number : null;

    [GeneratedRegex(@"^(?<low>\*|\?|[0-9]+|[A-Za-z]{3})(-(?<high>[0-9]+|[A-Za-z]{3}))?(/(?<step>[0-9]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
