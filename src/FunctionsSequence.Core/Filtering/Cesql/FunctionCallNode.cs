namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>
/// A function invocation. An unknown name or arity is a MissingFunctionError with the value
/// <c>false</c> (spec §3.5) and its arguments are not evaluated; an argument that reports an error
/// makes the call return the zero value of the function's return type.
/// </summary>
internal sealed class FunctionCallNode(string name, CesqlFunction? function, IReadOnlyList<CesqlNode> arguments, int position)
    : CesqlNode(position, [.. arguments])
{
    /// <summary>The name as called, upper case.</summary>
    public string Name { get; } = name;

    /// <summary>The overload the call dispatches to; null when no built-in function takes this name and number of arguments.</summary>
    public CesqlFunction? Function { get; } = function;

    /// <inheritdoc />
    public override CesqlValue Evaluate(CesqlEvaluation evaluation)
    {
        if (Function is not { } overload)
        {
            evaluation.Report(CesqlErrorKind.MissingFunction, BuiltInFunctions.WhyMissing(Name, arguments.Count), Position);
            return CesqlValue.False;
        }

        var values = new CesqlValue[arguments.Count];
        for (int i = 0; i < values.Length; i++)
        {
            if (!evaluation.TryEvaluate(arguments[i], out CesqlValue value))
            {
                return CesqlValue.Zero(overload.ReturnType);
            }

            values[i] = overload.ParameterType(i) is CesqlType type ? evaluation.Cast(value, type, arguments[i].Position) : value;
        }

        FunctionOutcome outcome = overload.Body(values);
        if (outcome.ErrorKind is CesqlErrorKind kind)
        {
            evaluation.Report(kind, outcome.Message ?? $"{overload.Name} failed", Position);
        }

        return outcome.Value;
    }
}
