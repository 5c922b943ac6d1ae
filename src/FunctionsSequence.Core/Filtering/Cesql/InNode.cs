namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>
/// <c>x [NOT] IN (y1, y2, ...)</c>: equality as <c>=</c> defines it, each element cast to the type
/// of <c>x</c> (spec §3.4.5, §3.7). Elements are evaluated left to right until one matches, as
/// Knative's engine does; an element that reports an error ends the operator with <c>false</c>.
/// </summary>
internal sealed class InNode(CesqlNode operand, IReadOnlyList<CesqlNode> set, bool negated, int position)
    : CesqlNode(position, [operand, .. set])
{
    /// <inheritdoc />
    public override CesqlValue Evaluate(CesqlEvaluation evaluation)
    {
        if (!evaluation.TryEvaluate(operand, out CesqlValue value))
        {
            return CesqlValue.False;
        }

        foreach (CesqlNode node in set)
        {
            if (!evaluation.TryEvaluate(node, out CesqlValue element))
            {
                return CesqlValue.False;
            }

            if (evaluation.Cast(element, value.Type, node.Position) == value)
            {
                return CesqlValue.Of(!negated);
            }
        }

        return CesqlValue.Of(negated);
    }
}
