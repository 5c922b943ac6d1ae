namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>A token: its kind, its text as written (a string literal's value, unescaped) and its 1-based position.</summary>
internal readonly record struct CesqlToken(CesqlTokenKind Kind, string Text, int Position)
{
    /// <summary>How a parse error names the token: a keyword or symbol as written, a literal quoted.</summary>
    public string Describe() => Kind switch
    {
        CesqlTokenKind.End => "the end of the expression",
        CesqlTokenKind.String => $"the string literal '{Text}'",
        CesqlTokenKind.Integer => $"the integer {Text}",
        _ => $"'{Text}'",
    };
}
