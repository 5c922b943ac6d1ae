namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>A boolean, integer or string literal.</summary>
internal sealed class LiteralNode(CesqlValue value, int position) : CesqlNode(position)
{
    /// <summary>The literal's value.</summary>
    public CesqlValue Value { get; } = value;

    /// <inheritdoc />
    public override CesqlValue Evaluate(CesqlEvaluation evaluation) => Value;
}
