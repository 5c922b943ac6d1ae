namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>An error met while evaluating an expression.</summary>
/// <param name="Kind">The spec's error type.</param>
/// <param name="Message">What went wrong, naming the attribute, function or value.</param>
/// <param name="Position">1-based character offset, in the expression text, of the operator, function or attribute that raised it.</param>
public sealed record CesqlError(CesqlErrorKind Kind, string Message, int Position)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind} error at position {Position}: {Message}";
}
