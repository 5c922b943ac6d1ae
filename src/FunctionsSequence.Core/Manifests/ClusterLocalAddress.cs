using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using FunctionsSequence.Core.Api;

namespace FunctionsSequence.Core.Manifests;

/// <summary>
/// A Kubernetes Service's cluster-local address, <c>http://NAME.NAMESPACE.svc.cluster.local[:port]/path</c> or
/// <c>http://NAME.NAMESPACE.svc/path</c>, as Knative users write it in a <c>uri</c>. Such names resolve only inside
/// a cluster, so here the address stands for the Service NAME of the manifests, as a ref would; the address of
/// Knative's multi-tenant Broker ingress, <c>http://broker-ingress.knative-eventing.svc.cluster.local/NAMESPACE/NAME</c>
/// (a Broker's <c>status.address</c>), stands for that Broker; and a Sequence's or Parallel's <c>status.address</c>, its
/// first InMemoryChannel's <c>http://SEQUENCE-kn-sequence-0-kn-channel.NAMESPACE.svc.cluster.local</c> or
/// <c>http://PARALLEL-kn-parallel-kn-channel...</c>, for that flow.
/// </summary>
internal static partial class ClusterLocalAddress
{
    /// <summary>
    /// The kind (<see cref="ResourceKind.Service"/>, <see cref="ResourceKind.Broker"/>, <see cref="ResourceKind.Sequence"/>
    /// or <see cref="ResourceKind.Parallel"/>), name and namespace that
    /// <paramref name="uri"/> addresses, and for a Service its path and query as a URI relative to the Service's
    /// address (null for <c>/</c>). The port is left out: it says which port of the Service, and here a Service has one address.
    /// </summary>
    public static bool TryParse(Uri uri, [NotNullWhen(true)] out string? kind, [NotNullWhen(true)] out string? name, [NotNullWhen(true)] out string? ns, out Uri? path)
    {
        ArgumentNullException.ThrowIfNull(uri);
        (kind, name, ns, path) = (null, null, null, null);
        Match match = Host().Match(uri.IdnHost);
        if (!match.Success)
        {
            return false;
        }

        (kind, name, ns) = (ResourceKind.Service, match.Groups["name"].Value, match.Groups["namespace"].Value);
        if (name.Equals("broker-ingress", StringComparison.OrdinalIgnoreCase) && ns.Equals("knative-eventing", StringComparison.OrdinalIgnoreCase)
            && BrokerPath().Match(uri.AbsolutePath) is { Success: true } broker)
        {
            (kind, name, ns) = (ResourceKind.Broker, broker.Groups["name"].Value, broker.Groups["namespace"].Value);
            return true;
        }

        if (FlowChannel().Match(name) is { Success: true } flow)
        {
            // A channel is found by its host alone (ParseChannelFromHost): a path changes nothing there.
            (kind, name) = flow.Groups["sequence"].Success ? (ResourceKind.Sequence, flow.Groups["sequence"].Value) : (ResourceKind.Parallel, flow.Groups["parallel"].Value);
            return true;
        }

        string rest = uri.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped);
        path = rest is "/" or "" ? null : new Uri(rest, UriKind.Relative);
        return true;
    }

    // DNS-1123 labels, as Kubernetes names and namespaces are.
    [GeneratedRegex(@"^(?<name>[a-z0-9]([-a-z0-9]*[a-z0-9])?)\.(?<namespace>[a-z0-9]([-a-z0-9]*[a-z0-9])?)\.svc(\.cluster\.local)?\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex Host();

    // Knative's channel names (sequence and parallel resources' ChannelName) and an InMemoryChannel's Service suffix (-kn-channel).
    [GeneratedRegex(@"^(?:(?<sequence>[a-z0-9]([-a-z0-9]*[a-z0-9])?)-kn-sequence-0|(?<parallel>[a-z0-9]([-a-z0-9]*[a-z0-9])?)-kn-parallel)-kn-channel$", RegexOptions.IgnoreCase)]
    private static partial Regex FlowChannel();

    [GeneratedRegex(@"^/(?<namespace>[a-z0-9]([-a-z0-9]*[a-z0-9])?)/(?<name>[a-z0-9]([-a-z0-9.]*[a-z0-9])?)/?$")]
    private static partial Regex BrokerPath();
}
