namespace FunctionsSequence.Core.Events;

/// <summary>
/// What a CloudEvents URI reference (<c>source</c>) must be beyond what .NET's relative <see cref="Uri"/> takes, as Knative's
/// Go SDK parses it (net/url's <c>Parse</c>), whose ingress answers 400 otherwise: no control character before any
/// <c>#</c>; a first segment that holds a colon only as a scheme's end (<c>::x</c>, <c>:x</c> and <c>1a:b</c> are
/// schemes gone wrong, not paths); a <c>%</c> followed by two hex digits in a path and a fragment. An authority's own
/// syntax (host, port) is not checked here: <see cref="Uri"/> checks it for absolute <c>scheme://</c> forms only.
/// </summary>
public static class UriReferences
{
    /// <summary>True when <paramref name="text"/> is a URI reference Knative's ingress would take.</summary>
    public static bool IsWellFormed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int hash = text.IndexOf('#', StringComparison.Ordinal);
        ReadOnlySpan<char> reference = hash < 0 ? text : text.AsSpan(0, hash);
        if (reference.IndexOfAnyInRange('\0', '\u001f') >= 0 || reference.Contains('\u007f') || (hash >= 0 && !Escaped(text.AsSpan(hash + 1))))
        {
            return false; // Go looks for control characters once the fragment is cut off
        }

        int question = reference.IndexOf('?');
        ReadOnlySpan<char> path = question < 0 ? reference : reference[..question];
        switch (Scheme(path))
        {
            case < 0:
                return false; // a colon first: a scheme with no name
            case 0:
                int slash = path.IndexOf('/');
                return !(slash < 0 ? path : path[..slash]).Contains(':') && Escaped(path);
            case var end:
                ReadOnlySpan<char> rest = path[(end + 1)..];
                return !rest.StartsWith("/") || Escaped(rest); // an opaque rest (mailto:x) is taken as it is, as Go takes it
        }
    }

    /// <summary>The index of the colon that ends a scheme, 0 when there is none, -1 when the text starts with a colon.</summary>
    private static int Scheme(ReadOnlySpan<char> text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsAsciiLetter(c))
            {
                continue;
            }

            if (char.IsAsciiDigit(c) || c is '+' or '-' or '.')
            {
                if (i == 0)
                {
                    return 0;
                }

                continue;
            }

            return c == ':' ? (i == 0 ? -1 : i) : 0;
        }

        return 0;
    }

    private static bool Escaped(ReadOnlySpan<char> text)
    {
        for (int i = text.IndexOf('%'); i >= 0; i = text.IndexOf('%'))
        {
            if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
            {
                return false;
            }

            text = text[(i + 3)..];
        }

        return true;
    }
}
