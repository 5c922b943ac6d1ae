namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>A boolean, integer or string literal.</summary>
internal sealed class LiteralNode(CesqlValue value, int position) : CesqlNode(position)
{
    /// <inheritdoc />
    public override CesqlValue Evaluate(CesqlEvaluation evaluation) => value;
}
