namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>
/// A function invocation. An unknown name or arity is a MissingFunctionError with the value
/// <c>false</c> (spec §3.5) and its arguments are not evaluated; an argument that reports an error
/// makes the call return the zero value of the function's return type.
/// </summary>
internal sealed class FunctionCallNode(string name, CesqlFunction? function, IReadOnlyList<CesqlNode> arguments, int position)
    : CesqlNode(position, [.. arguments])
{
    /// <inheritdoc />
    public override CesqlValue Evaluate(CesqlEvaluation evaluation)
    {
        if (function is null)
        {
            evaluation.Report(CesqlErrorKind.MissingFunction, $"no function {name} takes {arguments.Count} argument{(arguments.Count == 1 ? "" : "s")}", Position);
            return CesqlValue.False;
        }

        var values = new CesqlValue[arguments.Count];
        for (int i = 0; i < values.Length; i++)
        {
            if (!evaluation.TryEvaluate(arguments[i], out CesqlValue value))
            {
                return CesqlValue.Zero(function.ReturnType);
            }

            values[i] = function.ParameterType(i) is CesqlType type ? evaluation.Cast(value, type, arguments[i].Position) : value;
        }

        FunctionOutcome outcome = function.Body(values);
        if (outcome.ErrorKind is CesqlErrorKind kind)
        {
            evaluation.Report(kind, outcome.Message ?? $"{function.Name} failed", Position);
        }

        return outcome.Value;
    }
}
