namespace FunctionsSequence.Core.Events;

/// <summary>How a URI is shown in logs, errors and terminal output.</summary>
public static class ShownUri
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
}
