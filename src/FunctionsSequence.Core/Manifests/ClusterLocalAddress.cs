using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace FunctionsSequence.Core.Manifests;

/// <summary>
/// A Kubernetes Service's cluster-local address, <c>http://NAME.NAMESPACE.svc.cluster.local[:port]/path</c> or
/// <c>http://NAME.NAMESPACE.svc/path</c>, as Knative users write it in a <c>uri</c>. Such names resolve only inside
/// a cluster, so here the address stands for the Service NAME of the manifests, as a ref would.
/// </summary>
internal static partial class ClusterLocalAddress
{
    /// <summary>
    /// The Service name and namespace in <paramref name="uri"/>'s host, and its path and query as a URI relative to the
    /// Service's address (null for <c>/</c>). The port is left out: it says which port of the Service, and here a Service has one address.
    /// </summary>
    public static bool TryParse(Uri uri, [NotNullWhen(true)] out string? name, [NotNullWhen(true)] out string? ns, out Uri? path)
    {
        ArgumentNullException.ThrowIfNull(uri);
        (name, ns, path) = (null, null, null);
        Match match = Host().Match(uri.IdnHost);
        if (!match.Success)
        {
            return false;
        }

        (name, ns) = (match.Groups["name"].Value, match.Groups["namespace"].Value);
        string rest = uri.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped);
        path = rest is "/" or "" ? null : new Uri(rest, UriKind.Relative);
        return true;
    }

    // DNS-1123 labels, as Kubernetes names and namespaces are.
    [GeneratedRegex(@"^(?<name>[a-z0-9]([-a-z0-9]*[a-z0-9])?)\.(?<namespace>[a-z0-9]([-a-z0-9]*[a-z0-9])?)\.svc(\.cluster\.local)?\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex Host();
}
