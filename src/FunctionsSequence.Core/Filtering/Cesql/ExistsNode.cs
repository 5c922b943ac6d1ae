namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary><c>EXISTS identifier</c>: whether the event carries the attribute; never an error.</summary>
internal sealed class ExistsNode(string name, int position) : CesqlNode(position)
{
    /// <inheritdoc />
    public override CesqlValue Evaluate(CesqlEvaluation evaluation) => CesqlValue.Of(evaluation.HasAttribute(name));
}
