using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>The functions every CESQL engine provides, looked up by case-insensitive name and arity.</summary>
internal static class BuiltInFunctions
{
    private static readonly Dictionary<string, CesqlFunction[]> ByName = StringFunctions.All
        .Concat(ScalarFunctions.All)
        .GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The overload of <paramref name="name"/> that takes <paramref name="arity"/> arguments: a
    /// fixed-arity one first, else a variadic one with at most that many fixed parameters; null when
    /// none does, which evaluation reports as a MissingFunctionError.
    /// </summary>
    public static CesqlFunction? Resolve(string name, int arity) =>
        ByName.TryGetValue(name, out CesqlFunction[]? overloads)
            ? overloads.FirstOrDefault(f => !f.Variadic && f.MinArity == arity) ?? overloads.FirstOrDefault(f => f.Variadic && f.MinArity <= arity)
            : null;

    /// <summary>Why <see cref="Resolve"/> finds nothing for the call: the name is unknown (with the nearest known one), or the arities it takes.</summary>
    public static string WhyMissing(string name, int arity)
    {
        if (!ByName.TryGetValue(name, out CesqlFunction[]? overloads))
        {
            string[] known = [.. ByName.Keys.Order(StringComparer.Ordinal)];
            return Nearest(name, known) is { } meant
                ? $"{name} is not a CloudEvents SQL function; did you mean {meant}?"
                : $"{name} is not a CloudEvents SQL function (they are {string.Join(", ", known)})";
        }

        var counts = overloads.Where(f => !f.Variadic).Select(f => f.MinArity).Order().Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        counts.AddRange(overloads.Where(f => f.Variadic).Select(f => $"{f.MinArity} or more"));
        string takes = counts.Count == 1 ? counts[0] : $"{string.Join(", ", counts[..^1])} or {counts[^1]}";
        string noun = takes == "1" ? "argument" : "arguments";
        return $"{name} takes {takes} {noun}, not {arity}";
    }

    /// <summary>
    /// The known name <paramref name="name"/> most likely stands for: one a typo away (a third of the name at most,
    /// so FOO suggests nothing), or one that begins the other (SUBSTR, LEN, INTEGER); null when none is close.
    /// </summary>
    private static string? Nearest(string name, IEnumerable<string> known) => known
        .Select(k => (Name: k, Distance: Spelling.Distance(name, k)))
        .Where(k => k.Distance <= Math.Max(1, name.Length / 3)
            || (Math.Min(name.Length, k.Name.Length) >= 3 && (k.Name.StartsWith(name, StringComparison.Ordinal) || name.StartsWith(k.Name, StringComparison.Ordinal))))
        .OrderBy(k => k.Distance)
        .Select(k => k.Name)
        .FirstOrDefault();
}
