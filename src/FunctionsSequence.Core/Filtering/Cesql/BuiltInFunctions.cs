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
}
