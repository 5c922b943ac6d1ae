namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>
/// String positions in characters as CESQL counts them, Unicode code points (spec §3.1: "sequence
/// of Unicode characters"), not UTF-16 code units: LENGTH of an emoji is 1.
/// </summary>
internal static class UnicodeText
{
    /// <summary>The number of code points in <paramref name="text"/>.</summary>
    public static int Length(string text)
    {
        int length = text.Length;
        for (int i = 0; i < text.Length - 1; i++)
        {
            if (char.IsSurrogatePair(text[i], text[i + 1]))
            {
                length--;
                i++;
            }
        }

        return length;
    }

    /// <summary>The code points from <paramref name="start"/> (0-based) to <paramref name="end"/> (exclusive), both within <see cref="Length"/>.</summary>
    public static string Slice(string text, int start, int end)
    {
        int from = Offset(text, start);
        return text[from..Offset(text, end - start, from)];
    }

    private static int Offset(string text, int codePoints, int from = 0)
    {
        int i = from;
        for (int n = 0; n < codePoints && i < text.Length; n++)
        {
            i += char.IsSurrogatePair(text, i) ? 2 : 1;
        }

        return i;
    }
}
