namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>The built-in string functions of spec §3.5.1. Positions and lengths count code points (<see cref="UnicodeText"/>).</summary>
internal static class StringFunctions
{
    private const CesqlType S = CesqlType.String;
    private const CesqlType I = CesqlType.Integer;

    /// <summary>Every overload.</summary>
    public static IEnumerable<CesqlFunction> All { get; } =
    [
        CesqlFunction.Fixed("LENGTH", I, [S], a => CesqlValue.Of(UnicodeText.Length(a[0].AsString()))),
        CesqlFunction.Repeating("CONCAT", S, [S], a => CesqlValue.Of(string.Concat(a.Select(v => v.AsString())))),
        CesqlFunction.Repeating("CONCAT_WS", S, [S, S], a => CesqlValue.Of(string.Join(a[0].AsString(), a.Skip(1).Select(v => v.AsString())))),
        CesqlFunction.Fixed("LOWER", S, [S], a => CesqlValue.Of(a[0].AsString().ToLowerInvariant())),
        CesqlFunction.Fixed("UPPER", S, [S], a => CesqlValue.Of(a[0].AsString().ToUpperInvariant())),
        // string.Trim removes exactly the characters with the Unicode White_Space property.
        CesqlFunction.Fixed("TRIM", S, [S], a => CesqlValue.Of(a[0].AsString().Trim())),
        CesqlFunction.Fixed("LEFT", S, [S, I], a => Left(a[0].AsString(), a[1].AsInteger())),
        CesqlFunction.Fixed("RIGHT", S, [S, I], a => Right(a[0].AsString(), a[1].AsInteger())),
        CesqlFunction.Fixed("SUBSTRING", S, [S, I], a => Substring(a[0].AsString(), a[1].AsInteger(), null)),
        CesqlFunction.Fixed("SUBSTRING", S, [S, I, I], a => Substring(a[0].AsString(), a[1].AsInteger(), a[2].AsInteger())),
    ];

    /// <summary>The first <paramref name="count"/> characters; all of <paramref name="text"/> when it is shorter, or with an error when the count is negative.</summary>
    private static FunctionOutcome Left(string text, int count)
    {
        int length = UnicodeText.Length(text);
        return count < 0 ? FunctionOutcome.Error(CesqlValue.Of(text), CesqlErrorKind.FunctionEvaluation, $"LEFT takes a count of 0 or more, not {count}")
            : CesqlValue.Of(count >= length ? text : UnicodeText.Slice(text, 0, count));
    }

    /// <summary>The last <paramref name="count"/> characters, with LEFT's rules.</summary>
    private static FunctionOutcome Right(string text, int count)
    {
        int length = UnicodeText.Length(text);
        return count < 0 ? FunctionOutcome.Error(CesqlValue.Of(text), CesqlErrorKind.FunctionEvaluation, $"RIGHT takes a count of 0 or more, not {count}")
            : CesqlValue.Of(count >= length ? text : UnicodeText.Slice(text, length - count, length));
    }

    /// <summary>
    /// From the 1-based <paramref name="position"/> (counted from the end when negative; 0 gives
    /// the empty string) to the end, or at most <paramref name="count"/> characters. A position
    /// beyond either end or a negative count gives the empty string and an error.
    /// </summary>
    private static FunctionOutcome Substring(string text, int position, int? count)
    {
        int length = UnicodeText.Length(text);
        if (count < 0)
        {
            return FunctionOutcome.Error(CesqlValue.Of(string.Empty), CesqlErrorKind.FunctionEvaluation, $"SUBSTRING takes a length of 0 or more, not {count}");
        }

        if (position == 0)
        {
            return CesqlValue.Of(string.Empty);
        }

        if (position > length || position < -length)
        {
            return FunctionOutcome.Error(CesqlValue.Of(string.Empty), CesqlErrorKind.FunctionEvaluation, $"SUBSTRING position {position} is outside the {length} characters of '{text}'");
        }

        int start = position < 0 ? length + position : position - 1;
        int end = count is int n ? (int)Math.Min(length, (long)start + n) : length;
        return CesqlValue.Of(UnicodeText.Slice(text, start, end));
    }
}
