namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>
/// <c>AND OR XOR</c> on Booleans (operands cast to Boolean). AND and OR short-circuit (spec §3.6):
/// the right operand is not evaluated when the left one decides, nor when the left one reported
/// an error, since the result is then <c>false</c> whatever the right one says.
/// </summary>
internal sealed class LogicalNode(BinaryOperator op, CesqlNode left, CesqlNode right, int position)
    : CesqlNode(position, left, right)
{
    /// <inheritdoc />
    public override CesqlValue Evaluate(CesqlEvaluation evaluation)
    {
        if (!evaluation.TryEvaluate(left, out CesqlValue l))
        {
            return CesqlValue.False;
        }

        bool x = evaluation.Cast(l, CesqlType.Boolean, Position).AsBoolean();
        if ((op == BinaryOperator.And && !x) || (op == BinaryOperator.Or && x))
        {
            return CesqlValue.Of(x);
        }

        if (!evaluation.TryEvaluate(right, out CesqlValue r))
        {
            return CesqlValue.False;
        }

        bool y = evaluation.Cast(r, CesqlType.Boolean, Position).AsBoolean();
        return CesqlValue.Of(op switch
        {
            BinaryOperator.And => y,
            BinaryOperator.Or => y,
            _ => x != y,
        });
    }
}
