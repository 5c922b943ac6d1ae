using System.Text.RegularExpressions;

namespace FunctionsSequence.Core.Events;

/// <summary>How a URI is shown in logs, errors and terminal output.</summary>
public static partial class ShownUri
{
    /// <summary>
    /// Scheme, host, port and path only: a query (<c>?code=</c>) or user info may carry a key, and
    /// whoever reads the text needs neither to know where it went. A URI written without a path is
    /// shown without one, as Knative shows a URL (<c>knativeerrordest</c>), not with the root <c>/</c>.
    /// </summary>
    public static string Of(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            return uri.OriginalString.Split('?', '#')[0];
        }

        string shown = uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        return uri.AbsolutePath == "/" && !WrittenWithPath(uri.OriginalString) ? shown[..^1] : shown;
    }

    /// <summary>Whether the authority of <paramref name="written"/> (an absolute URI) is followed by a path.</summary>
    private static bool WrittenWithPath(string written)
    {
        int authority = written.IndexOf("//", StringComparison.Ordinal);
        int end = authority < 0 ? -1 : written.IndexOfAny(['/', '?', '#'], authority + 2);
        return authority < 0 || (end >= 0 && written[end] == '/');
    }

    /// <summary>
    /// A URI as written, which may not parse (a manifest's): an http(s) URL as <see cref="Of(Uri)"/> shows it,
    /// anything else without user info or what follows a <c>?</c> or <c>#</c>.
    /// </summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https"
            ? Of(uri)
            : UserInfo().Replace(text.Split('?', '#')[0], string.Empty);
    }

    [GeneratedRegex("(?<=://)[^/@]*@")]
    private static partial Regex UserInfo();
}
