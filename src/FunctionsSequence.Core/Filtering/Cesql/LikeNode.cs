namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary><c>x [NOT] LIKE 'pattern'</c>: <c>x</c> is cast to String, which always succeeds (spec §3.4.3).</summary>
internal sealed class LikeNode(CesqlNode operand, LikePattern pattern, bool negated, int position) : CesqlNode(position, operand)
{
    /// <inheritdoc />
    public override CesqlValue Evaluate(CesqlEvaluation evaluation)
    {
        if (!evaluation.TryEvaluate(operand, out CesqlValue value))
        {
            return CesqlValue.False;
        }

        bool matches = pattern.Matches(evaluation.Cast(value, CesqlType.String, Position).AsString());
        return CesqlValue.Of(matches != negated);
    }
}
