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

    /// <summary>Throws <see cref="FormatException"/> naming the field when <paramref name="fields"/> (5, or 6 with seconds first) use syntax Knative's cron refuses.</summary>
    public static void Check(string schedule, IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        string[] names = fields.Count == 6 ? SixFields : FiveFields;
        for (int i = 0; i < fields.Count; i++)
        {
            foreach (string part in fields[i].Split(','))
            {
                Match match = Part().Match(part);
                if (!match.Success)
                {
                    throw new FormatException(
                        $"'{schedule}': '{part}' in the {names[i]} field is not Knative's cron, which takes numbers, names (JAN, MON), *, ?, ranges (1-5), lists (1,15) and steps (*/5); L, W and # are not part of it");
                }

                if (names[i] == "day-of-week" && new[] { match.Groups["low"].Value, match.Groups["high"].Value }.Any(v => int.TryParse(v, out int day) && day > 6))
                {
                    throw new FormatException($"'{schedule}': '{part}' in the day-of-week field is out of range: Knative's cron takes 0-6, Sunday being 0");
                }
            }
        }
    }

    /// <summary>
    /// Whether a day field restricts the days: anything but <c>*</c> or <c>?</c> (with no step, or a step of 1).
    /// When both day fields do, a day matching either one fires (robfig/cron's dayMatches).
    /// </summary>
    public static bool Restricts(string field) => field is not ("*" or "?" or "*/1" or "?/1");

    [GeneratedRegex(@"^(?<low>\*|\?|[0-9]+|[A-Za-z]{3})(-(?<high>[0-9]+|[A-Za-z]{3}))?(/[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
