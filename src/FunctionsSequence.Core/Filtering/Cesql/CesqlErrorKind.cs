namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>The error types every CESQL engine reports (spec §3.3), named as the TCK names them.</summary>
public enum CesqlErrorKind
{
    /// <summary>The text is not a CESQL expression; raised by <see cref="CesqlExpression.Parse"/> as a <see cref="CesqlParseException"/>.</summary>
    Parse,

    /// <summary>Division or modulo by zero, or an overflow a built-in function reports (<c>ABS</c>).</summary>
    Math,

    /// <summary>An implicit or explicit cast that has no valid result, such as <c>INT('abc')</c>.</summary>
    Cast,

    /// <summary>The expression reads an attribute the event does not carry.</summary>
    MissingAttribute,

    /// <summary>No function of that name takes that many arguments.</summary>
    MissingFunction,

    /// <summary>A function rejected its arguments, such as <c>LEFT('abc', -1)</c>.</summary>
    FunctionEvaluation,

    /// <summary>Any other error.</summary>
    Generic,
}
