namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>
/// <c>= != &lt;&gt;</c> on any type and <c>&lt; &lt;= &gt; &gt;=</c> on Integers. Equality is the
/// spec's ambiguous operator (§3.7): the right operand's type picks the overload and the left one
/// is cast to it, so <c>true = 'TRUE'</c> compares the strings "true" and "TRUE". Strings are
/// equal only when identical, case included.
/// </summary>
internal sealed class ComparisonNode(BinaryOperator op, CesqlNode left, CesqlNode right, int position)
    : CesqlNode(position, left, right)
{
    /// <inheritdoc />
    public override CesqlValue Evaluate(CesqlEvaluation evaluation)
    {
        if (!evaluation.TryEvaluate(left, out CesqlValue l) || !evaluation.TryEvaluate(right, out CesqlValue r))
        {
            return CesqlValue.False;
        }

        if (op is BinaryOperator.Equal or BinaryOperator.NotEqual)
        {
            bool equal = evaluation.Cast(l, r.Type, Position) == r;
            return CesqlValue.Of(equal == (op == BinaryOperator.Equal));
        }

        int x = evaluation.Cast(l, CesqlType.Integer, Position).AsInteger();
        int y = evaluation.Cast(r, CesqlType.Integer, Position).AsInteger();
        return CesqlValue.Of(op switch
        {
            BinaryOperator.Less => x < y,
            BinaryOperator.LessOrEqual => x <= y,
            BinaryOperator.Greater => x > y,
            _ => x >= y,
        });
    }
}
