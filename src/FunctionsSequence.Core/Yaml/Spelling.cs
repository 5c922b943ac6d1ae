namespace FunctionsSequence.Core.Yaml;

/// <summary>Suggests the known word closest to a misspelt one ("containerers" → "containers").</summary>
public static class Spelling
{
    /// <summary>The candidate closest to <paramref name="word"/> (in any case), or null when none is close.</summary>
    public static string? Suggest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            int distance = Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        // Beyond a third of the word, a "suggestion" is noise.
        return best is not null && bestDistance <= Math.Max(2, word.Length / 3) ? best : null;
    }

    /// <summary>"; did you mean '...'?" for the closest candidate, or empty.</summary>
    public static string DidYouMean(string word, IEnumerable<string> candidates)
        => Suggest(word, candidates) is { } s ? $"; did you mean '{s}'?" : string.Empty;

    /// <summary>True when <paramref name="b"/> is <paramref name="a"/> with two neighbouring characters swapped ("tpye" for "type"), which <see cref="Distance"/> counts as two edits.</summary>
    public static bool IsSwap(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int first = 0;
        while (first < a.Length && first < b.Length && a[first] == b[first])
        {
            first++;
        }

        return a.Length == b.Length && first < a.Length - 1 && a[first] == b[first + 1] && a[first + 1] == b[first]
            && a.AsSpan(first + 2).SequenceEqual(b.AsSpan(first + 2));
    }

    /// <summary>The fewest insertions, deletions and substitutions of a character that make <paramref name="a"/> into <paramref name="b"/>.</summary>
    public static int Distance(string a, string b)
    {
        int[] previous = new int[b.Length + 1];
        int[] current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
