namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>
/// A call that no built-in function takes: an unknown name, or a known one with the wrong number of arguments.
/// The expression still parses (spec §3.5: the call evaluates to <c>false</c> with a MissingFunctionError).
/// </summary>
/// <param name="Name">The function name as called, upper case.</param>
/// <param name="Arity">The number of arguments given.</param>
/// <param name="Position">1-based offset of the name in the expression.</param>
/// <param name="Reason">Why no function takes the call, with the nearest known name or the arities the function takes.</param>
internal sealed record CesqlMissingFunction(string Name, int Arity, int Position, string Reason);
