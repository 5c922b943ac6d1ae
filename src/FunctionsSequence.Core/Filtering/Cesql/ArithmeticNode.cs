namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>
/// <c>* / % + -</c> on Integers (operands cast to Integer). Results wrap around in 32-bit two's
/// complement, as in Knative's engine: the spec names no error for overflow. Division truncates
/// toward zero and a remainder has the sign of <c>x</c>; dividing by zero is <c>0</c> with a MathError.
/// </summary>
internal sealed class ArithmeticNode(BinaryOperator op, CesqlNode left, CesqlNode right, int position)
    : CesqlNode(position, left, right)
{
    /// <inheritdoc />
    public override CesqlValue Evaluate(CesqlEvaluation evaluation)
    {
        if (!evaluation.TryEvaluate(left, out CesqlValue l) || !evaluation.TryEvaluate(right, out CesqlValue r))
        {
            return CesqlValue.Zero(CesqlType.Integer);
        }

        int x = evaluation.Cast(l, CesqlType.Integer, Position).AsInteger();
        int y = evaluation.Cast(r, CesqlType.Integer, Position).AsInteger();
        if (op is BinaryOperator.Divide or BinaryOperator.Modulo && y == 0)
        {
            evaluation.Report(CesqlErrorKind.Math, $"{(op == BinaryOperator.Divide ? "division" : "modulo")} of {x} by zero", Position);
            return CesqlValue.Zero(CesqlType.Integer);
        }

        return CesqlValue.Of(op switch
        {
            BinaryOperator.Multiply => unchecked(x * y),
            // int.MinValue / -1 overflows, and .NET throws for it and for its remainder.
            BinaryOperator.Divide => y == -1 ? unchecked(-x) : x / y,
            BinaryOperator.Modulo => y == -1 ? 0 : x % y,
            BinaryOperator.Add => unchecked(x + y),
            _ => unchecked(x - y),
        });
    }
}
