namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>
/// ABS (spec §3.5.2) and the casting functions. INT, BOOL and STRING cast their argument with the
/// rules of §3.7 (the spec uses INT in its examples and the TCK tests all three); IS_INT and
/// IS_BOOL, which v1 does not require, say whether that cast would succeed, as in Knative's engine.
/// </summary>
internal static class ScalarFunctions
{
    /// <summary>Every overload.</summary>
    public static IEnumerable<CesqlFunction> All { get; } =
    [
        CesqlFunction.Fixed("ABS", CesqlType.Integer, [CesqlType.Integer], a => Abs(a[0].AsInteger())),
        Cast("INT", CesqlType.Integer),
        Cast("BOOL", CesqlType.Boolean),
        Cast("STRING", CesqlType.String),
        CesqlFunction.Fixed("IS_INT", CesqlType.Boolean, [null], a => CesqlValue.Of(a[0].TryCast(CesqlType.Integer, out _))),
        CesqlFunction.Fixed("IS_BOOL", CesqlType.Boolean, [null], a => CesqlValue.Of(a[0].TryCast(CesqlType.Boolean, out _))),
    ];

    private static FunctionOutcome Abs(int x) => x == int.MinValue
        ? FunctionOutcome.Error(CesqlValue.Of(int.MaxValue), CesqlErrorKind.Math, $"ABS({x}) does not fit in 32 bits")
        : CesqlValue.Of(Math.Abs(x));

    private static CesqlFunction Cast(string name, CesqlType target) => CesqlFunction.Fixed(name, target, [null], a =>
        a[0].TryCast(target, out CesqlValue result) ? result
            : FunctionOutcome.Error(result, CesqlErrorKind.Cast, $"cannot cast the {a[0].Type} '{a[0]}' to {target}"));
}
