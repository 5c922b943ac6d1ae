namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>
/// <c>NOT x</c>. An Integer operand is a CastError and counts as <c>false</c>, so <c>NOT 10</c> is
/// <c>true</c> with the error: the TCK (not_operator.yaml, "Invalid int cast") says so although
/// spec §3.7 defines Integer to Boolean; we follow the TCK for NOT only.
/// </summary>
internal sealed class NotNode(CesqlNode operand, int position) : CesqlNode(position, operand)
{
    /// <inheritdoc />
    public override CesqlValue Evaluate(CesqlEvaluation evaluation)
    {
        if (!evaluation.TryEvaluate(operand, out CesqlValue value))
        {
            return CesqlValue.False;
        }

        if (value.Type == CesqlType.Integer)
        {
            evaluation.Report(CesqlErrorKind.Cast, $"NOT takes a Boolean, not the Integer {value}", Position);
            return CesqlValue.True;
        }

        return CesqlValue.Of(!evaluation.Cast(value, CesqlType.Boolean, Position).AsBoolean());
    }
}
