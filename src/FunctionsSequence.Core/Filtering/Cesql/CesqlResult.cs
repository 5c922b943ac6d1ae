namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>
/// What an expression evaluates to: a value, always (the zero value of its type when an error
/// stopped the computation), and the errors met on the way, in the order they were raised.
/// </summary>
/// <param name="Value">The primary output.</param>
/// <param name="Errors">The secondary output; empty when evaluation met no error.</param>
public sealed record CesqlResult(CesqlValue Value, IReadOnlyList<CesqlError> Errors)
{
    /// <summary>True when the value is the boolean <c>true</c> and no error occurred: the only result that lets an event through a filter (spec §1.2).</summary>
    public bool IsTrueWithoutErrors => Errors.Count == 0 && Value.Type == CesqlType.Boolean && Value.AsBoolean();
}
