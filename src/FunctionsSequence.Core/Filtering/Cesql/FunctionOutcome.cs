namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>What a function returns: always a value of its return type (spec §3.5.3), and maybe an error it raised.</summary>
internal readonly record struct FunctionOutcome(CesqlValue Value, CesqlErrorKind? ErrorKind = null, string? Message = null)
{
    /// <summary>A result without error.</summary>
    public static implicit operator FunctionOutcome(CesqlValue value) => new(value);

    /// <summary>A result with the error the function raised.</summary>
    public static FunctionOutcome Error(CesqlValue value, CesqlErrorKind kind, string message) => new(value, kind, message);
}
