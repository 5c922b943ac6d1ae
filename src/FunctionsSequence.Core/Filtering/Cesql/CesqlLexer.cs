namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>
/// Splits CESQL text into tokens. Keywords are case-insensitive (spec §2). A word of letters,
/// digits and underscores is one token, as in the spec's ANTLR lexer, so <c>1abc</c> is an
/// identifier; the parser decides whether a word names an attribute or a function.
/// </summary>
internal static class CesqlLexer
{
    private static readonly Dictionary<string, CesqlTokenKind> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AND"] = CesqlTokenKind.And,
        ["OR"] = CesqlTokenKind.Or,
        ["XOR"] = CesqlTokenKind.Xor,
        ["NOT"] = CesqlTokenKind.Not,
        ["LIKE"] = CesqlTokenKind.Like,
        ["EXISTS"] = CesqlTokenKind.Exists,
        ["IN"] = CesqlTokenKind.In,
        ["TRUE"] = CesqlTokenKind.True,
        ["FALSE"] = CesqlTokenKind.False,
    };

    /// <summary>The tokens of <paramref name="text"/>, ending with an <see cref="CesqlTokenKind.End"/> token.</summary>
    public static List<CesqlToken> Tokenize(string text)
    {
        var tokens = new List<CesqlToken>();
        int i = 0;
        while (true)
        {
            while (i < text.Length && text[i] is ' ' or '\t' or '\r' or '\n')
            {
                i++;
            }

            if (i == text.Length)
            {
                tokens.Add(new CesqlToken(CesqlTokenKind.End, string.Empty, i + 1));
                return tokens;
            }

            int start = i;
            char c = text[i];
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                string word = text[start..i];
                CesqlTokenKind kind = Keywords.TryGetValue(word, out CesqlTokenKind keyword) ? keyword
                    : word.All(char.IsAsciiDigit) ? CesqlTokenKind.Integer
                    : CesqlTokenKind.Identifier;
                tokens.Add(new CesqlToken(kind, word, start + 1));
            }
            else if (c is '\'' or '"')
            {
                tokens.Add(new CesqlToken(CesqlTokenKind.String, ReadString(text, ref i), start + 1));
            }
            else
            {
                (CesqlTokenKind kind, int length) = Symbol(text, i);
                i += length;
                tokens.Add(new CesqlToken(kind, text[start..i], start + 1));
            }
        }
    }

    /// <summary>
    /// Reads a string literal starting at its opening quote. A backslash before the delimiting
    /// quote escapes it (spec §2.2), and a doubled quote stands for one, as the spec's ANTLR lexer
    /// allows; any other backslash stays in the value, so LIKE patterns keep their <c>\%</c> and <c>\_</c>.
    /// </summary>
    private static string ReadString(string text, ref int i)
    {
        char quote = text[i];
        int start = i++;
        var value = new System.Text.StringBuilder();
        while (i < text.Length)
        {
            char c = text[i++];
            if (c == '\\' && i < text.Length)
            {
                char next = text[i++];
                if (next != quote)
                {
                    value.Append('\\');
                }

                value.Append(next);
            }
            else if (c == quote && i < text.Length && text[i] == quote)
            {
                value.Append(quote);
                i++;
            }
            else if (c == quote)
            {
                return value.ToString();
            }
            else
            {
                value.Append(c);
            }
        }

        throw new CesqlParseException($"the string literal opened here with {quote} is never closed", text, start + 1);
    }

    private static (CesqlTokenKind Kind, int Length) Symbol(string text, int i)
    {
        char next = i + 1 < text.Length ? text[i + 1] : '\0';
        return text[i] switch
        {
            '(' => (CesqlTokenKind.OpenParen, 1),
            ')' => (CesqlTokenKind.CloseParen, 1),
            ',' => (CesqlTokenKind.Comma, 1),
            '+' => (CesqlTokenKind.Plus, 1),
            '-' => (CesqlTokenKind.Minus, 1),
            '*' => (CesqlTokenKind.Star, 1),
            '/' => (CesqlTokenKind.Slash, 1),
            '%' => (CesqlTokenKind.Percent, 1),
            '=' => (CesqlTokenKind.Equal, 1),
            '!' when next == '=' => (CesqlTokenKind.NotEqual, 2),
            '<' when next == '>' => (CesqlTokenKind.NotEqual, 2),
            '<' when next == '=' => (CesqlTokenKind.LessOrEqual, 2),
            '<' => (CesqlTokenKind.Less, 1),
            '>' when next == '=' => (CesqlTokenKind.GreaterOrEqual, 2),
            '>' => (CesqlTokenKind.Greater, 1),
            '!' => throw new CesqlParseException("'!' is only valid in '!='; negation is NOT", text, i + 1),
            _ => throw new CesqlParseException($"unexpected character '{text[i]}'", text, i + 1),
        };
    }
}
