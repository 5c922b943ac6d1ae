using System.Globalization;
using System.Text.RegularExpressions;

namespace FunctionsSequence.Core.Manifests;

/// <summary>
/// An ISO-8601 duration as Knative's webhook and dispatcher read one (rickb777/date <c>period.Parse</c> and
/// <c>Duration</c>): an optional sign, <c>P</c>, then years, months, weeks, days and after <c>T</c> hours, minutes,
/// seconds, each a number with a <c>.</c> or <c>,</c> fraction; <c>P0</c> is zero. A year is 365.2425 days and a
/// month a twelfth of that, as there. Fractions keep their digits (the Go parser keeps one).
/// </summary>
internal static partial class IsoPeriod
{
    private static readonly (string Group, decimal Seconds)[] Units =
    [
        ("y", 365.2425m * 86400), ("mo", 365.2425m * 86400 / 12), ("w", 7 * 86400), ("d", 86400), ("h", 3600), ("mi", 60), ("s", 1),
    ];

    /// <summary>Reads <paramref name="text"/>; false when it is not a duration, or one too long for a <see cref="TimeSpan"/>.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (text is "P0")
        {
            return true;
        }

        Match match = Period().Match(text);
        if (!match.Success || !Array.Exists(Units, u => match.Groups[u.Group].Success))
        {
            return false;
        }

        decimal ticks = 0;
        try
        {
            foreach ((string group, decimal unit) in Units)
            {
                if (match.Groups[group] is { Success: true } number)
                {
                    ticks += decimal.Parse(number.Value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * unit * TimeSpan.TicksPerSecond;
                }
            }
        }
        catch (OverflowException)
        {
            return false;
        }

        ticks = decimal.Round(ticks);
        if (ticks > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)ticks * (match.Groups["sign"].Value == "-" ? -1 : 1));
        return true;
    }

    // Each field at most once, in this order, as the Go parser requires; a number may be "1", "1.5", "1,5", "1." or ".5".
    [GeneratedRegex(@"^(?<sign>[+-])?P(?:(?<y>[0-9]+[.,]?[0-9]*|[.,][0-9]+)Y)?(?:(?<mo>[0-9]+[.,]?[0-9]*|[.,][0-9]+)M)?(?:(?<w>[0-9]+[.,]?[0-9]*|[.,][0-9]+)W)?(?:(?<d>[0-9]+[.,]?[0-9]*|[.,][0-9]+)D)?(?:T(?:(?<h>[0-9]+[.,]?[0-9]*|[.,][0-9]+)H)?(?:(?<mi>[0-9]+[.,]?[0-9]*|[.,][0-9]+)M)?(?:(?<s>[0-9]+[.,]?[0-9]*|[.,][0-9]+)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Period();
}
