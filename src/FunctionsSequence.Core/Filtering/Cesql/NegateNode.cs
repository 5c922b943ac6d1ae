namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>Unary minus, <c>-x</c>, in 32-bit two's complement: <c>-(-2147483648)</c> stays <c>-2147483648</c>, as in Knative's engine.</summary>
internal sealed class NegateNode(CesqlNode operand, int position) : CesqlNode(position, operand)
{
    /// <inheritdoc />
    public override CesqlValue Evaluate(CesqlEvaluation evaluation)
    {
        if (!evaluation.TryEvaluate(operand, out CesqlValue value))
        {
            return CesqlValue.Zero(CesqlType.Integer);
        }

        return CesqlValue.Of(unchecked(-evaluation.Cast(value, CesqlType.Integer, Position).AsInteger()));
    }
}
