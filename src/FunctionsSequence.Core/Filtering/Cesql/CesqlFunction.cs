namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>
/// One overload of a function (spec §3.5). A variadic overload repeats its last parameter zero or
/// more times. A null parameter type takes any value as it is; the others are cast to before the
/// call (§3.7), so the body sees the types it declares.
/// </summary>
/// <param name="Name">The name, upper case.</param>
/// <param name="ReturnType">The type of the result, and of the zero value returned when an argument reports an error.</param>
/// <param name="Parameters">The parameter types; null for any.</param>
/// <param name="Variadic">True when the last parameter repeats.</param>
/// <param name="Body">The computation, given arguments already cast.</param>
internal sealed record CesqlFunction(
    string Name,
    CesqlType ReturnType,
    IReadOnlyList<CesqlType?> Parameters,
    bool Variadic,
    Func<CesqlValue[], FunctionOutcome> Body)
{
    /// <summary>The fewest arguments the overload takes.</summary>
    public int MinArity => Variadic ? Parameters.Count - 1 : Parameters.Count;

    /// <summary>The type argument <paramref name="index"/> is cast to, or null for none.</summary>
    public CesqlType? ParameterType(int index) => Parameters[Math.Min(index, Parameters.Count - 1)];

    /// <summary>A fixed-arity overload.</summary>
    public static CesqlFunction Fixed(string name, CesqlType returnType, CesqlType?[] parameters, Func<CesqlValue[], FunctionOutcome> body) =>
        new(name, returnType, parameters, false, body);

    /// <summary>A variadic overload; the last of <paramref name="parameters"/> repeats.</summary>
    public static CesqlFunction Repeating(string name, CesqlType returnType, CesqlType?[] parameters, Func<CesqlValue[], FunctionOutcome> body) =>
        new(name, returnType, parameters, true, body);
}
