namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>
/// The spec's ParseError: the text is not a CESQL v1 expression. The message says what was
/// expected and where; <see cref="Position"/>, <see cref="Line"/> and <see cref="Column"/> point at
/// the offending character (1-based), so a manifest validator can point into a multi-line filter.
/// </summary>
public sealed class CesqlParseException : FormatException
{
    /// <summary>Creates the exception for <paramref name="expression"/> with a 1-based <paramref name="position"/>.</summary>
    public CesqlParseException(string reason, string expression, int position)
        : base(Describe(reason, expression, position))
    {
        Reason = reason;
        Expression = expression;
        Position = position;
        (Line, Column) = LineAndColumn(expression, position);
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }

    /// <summary>The text that failed to parse.</summary>
    public string Expression { get; }

    /// <summary>1-based character offset of the error in <see cref="Expression"/>; one past the end when the text ended too early.</summary>
    public int Position { get; }

    /// <summary>1-based line of the error.</summary>
    public int Line { get; }

    /// <summary>1-based column of the error within <see cref="Line"/>.</summary>
    public int Column { get; }

    private static string Describe(string reason, string expression, int position)
    {
        (int line, int column) = LineAndColumn(expression, position);
        string where = line == 1 ? $"column {column}" : $"line {line}, column {column}";
        return $"CESQL parse error at {where}: {reason}";
    }

    /// <summary>A 1-based offset as messages give it: "column 4", or "line 2, column 4" in a multi-line expression.</summary>
    internal static string Where(string expression, int position)
    {
        (int line, int column) = LineAndColumn(expression, position);
        return expression.Contains('\n', StringComparison.Ordinal) ? $"line {line}, column {column}" : $"column {column}";
    }

    /// <summary>The 1-based line and column of a 1-based offset.</summary>
    internal static (int Line, int Column) LineAndColumn(string expression, int position)
    {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < position - 1 && i < expression.Length; i++)
        {
            if (expression[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, position - lineStart);
    }
}
