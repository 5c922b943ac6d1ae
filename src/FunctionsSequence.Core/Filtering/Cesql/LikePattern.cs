namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>
/// A compiled LIKE pattern (spec §3.4.3): <c>%</c> matches any run of characters, <c>_</c> exactly
/// one, <c>\%</c> and <c>\_</c> the character itself; any other character, a backslash before
/// anything else included, matches itself, case-sensitively. Characters are Unicode code points,
/// so <c>_</c> matches an emoji; matching takes at most text length times pattern length steps.
/// </summary>
internal sealed class LikePattern
{
    private const int AnyOne = -1;
    private const int AnyRun = -2;

    private readonly int[] elements;

    private LikePattern(int[] elements) => this.elements = elements;

    /// <summary>Compiles the pattern of a LIKE literal.</summary>
    public static LikePattern Compile(string pattern)
    {
        var elements = new List<int>(pattern.Length);
        for (int i = 0; i < pattern.Length; i += Width(pattern, i))
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length && pattern[i + 1] is '%' or '_')
            {
                elements.Add(pattern[++i]);
            }
            else
            {
                elements.Add(c switch { '%' => AnyRun, '_' => AnyOne, _ => CodePoint(pattern, i) });
            }
        }

        return new LikePattern([.. elements]);
    }

    /// <summary>True when the whole of <paramref name="text"/> matches.</summary>
    public bool Matches(string text)
    {
        // Wildcard matching with one backtrack point: the last % seen and where its run ended.
        int t = 0;
        int p = 0;
        int runAt = -1;
        int runEnd = 0;
        while (t < text.Length)
        {
            if (p < elements.Length && elements[p] != AnyRun && (elements[p] == AnyOne || elements[p] == CodePoint(text, t)))
            {
                t += Width(text, t);
                p++;
            }
            else if (p < elements.Length && elements[p] == AnyRun)
            {
                runAt = p++;
                runEnd = t;
            }
            else if (runAt >= 0)
            {
                p = runAt + 1;
                runEnd += Width(text, runEnd);
                t = runEnd;
            }
            else
            {
                return false;
            }
        }

        while (p < elements.Length && elements[p] == AnyRun)
        {
            p++;
        }

        return p == elements.Length;
    }

    private static int CodePoint(string s, int i) => char.IsSurrogatePair(s, i) ? char.ConvertToUtf32(s[i], s[i + 1]) : s[i];

    private static int Width(string s, int i) => char.IsSurrogatePair(s, i) ? 2 : 1;
}
