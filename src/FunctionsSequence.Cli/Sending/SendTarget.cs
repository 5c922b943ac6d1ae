using FunctionsSequence.Core.Ingress;

namespace FunctionsSequence.Cli.Sending;

/// <summary>
/// Where <c>fseq send --to</c> sends: an http(s) URL as given, or a resource as <c>kn event send</c> names one
/// (<c>Broker:eventing.knative.dev/v1:default</c>, <c>broker:default</c>, <c>ksvc:first</c>, or a bare Service name),
/// which is its route relative to the app it is sent to (<c>--url</c>, a local <c>fseq run</c> or <c>func start</c> at
/// <see cref="Commands.CommandOptions.LocalApp"/> by default).
/// </summary>
internal static class SendTarget
{
    // The kinds kn names a resource by (Broker:eventing.knative.dev/v1:NAME), and its short prefixes (broker:NAME).
    private static readonly Dictionary<string, IngressTarget> TargetOfKind = new(StringComparer.Ordinal)
    {
        ["Broker"] = IngressTarget.Broker,
        ["Sequence"] = IngressTarget.Sequence,
        ["Parallel"] = IngressTarget.Parallel,
        ["Service"] = IngressTarget.Service,
    };

    private static readonly Dictionary<string, IngressTarget> TargetOfPrefix = new(StringComparer.Ordinal)
    {
        ["broker"] = IngressTarget.Broker,
        ["ksvc"] = IngressTarget.Service,
        ["svc"] = IngressTarget.Service,
    };

    /// <summary>The URL <paramref name="word"/> names, a resource's as a route relative to its app, or null when it names none of these.</summary>
    public static Uri? Parse(string word)
    {
        if (Uri.TryCreate(word, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        (IngressTarget? target, string name) = word.Split(':') switch
        {
            // Kind:ApiVersion:name, the apiVersion with its group (kn event send's in-cluster form).
            [var kind, var apiVersion, var named] when apiVersion.Contains('/', StringComparison.Ordinal) || apiVersion == "v1" => (Of(TargetOfKind, kind), named),
            // prefix:name[:namespace]; the namespace is the one the manifests are in.
            [var prefix, var named] => (Of(TargetOfPrefix, prefix), named),
            [var prefix, var named, _] => (Of(TargetOfPrefix, prefix), named),
            [var named] when !named.Contains('/', StringComparison.Ordinal) => (IngressTarget.Service, named),
            _ => (null, string.Empty),
        };
        return target is not { } found || name.Length == 0
            ? null
            : new Uri("api/" + IngressRoutes.For(found).Replace("{name}", Uri.EscapeDataString(name), StringComparison.Ordinal), UriKind.Relative);
    }

    private static IngressTarget? Of(Dictionary<string, IngressTarget> targets, string key) =>
        targets.TryGetValue(key, out IngressTarget target) ? target : null;
}
