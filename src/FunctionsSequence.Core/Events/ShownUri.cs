using System.Text.RegularExpressions;

namespace FunctionsSequence.Core.Events;

/// <summary>How a URI is shown in logs, errors and terminal output.</summary>
public static partial class ShownUri
{
    /// <summary>
    /// Scheme, host, port and path only: a query (<c>?code=</c>) or user info may carry a key, and
    /// whoever reads the text needs neither to know where it went.
    /// </summary>
    public static string Of(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.IsAbsoluteUri ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) : uri.OriginalString.Split('?', '#')[0];
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
