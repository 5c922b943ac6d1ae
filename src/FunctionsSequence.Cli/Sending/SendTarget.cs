namespace FunctionsSequence.Cli.Sending;

/// <summary>
/// Where <c>fseq send --to</c> sends: an http(s) URL as given, or a resource as <c>kn event send</c> names one
/// (<c>Broker:eventing.knative.dev/v1:default</c>, <c>broker:default</c>, <c>ksvc:first</c>, or a bare Service name),
/// which is its route on a local <c>fseq run</c> or <c>func start</c> at <see cref="Commands.CommandOptions.LocalApp"/>.
/// </summary>
internal static class SendTarget
{
    private static readonly Dictionary<string, string> RouteOfKind = new(StringComparer.Ordinal)
    {
        ["Broker"] = "brokers",
        ["Sequence"] = "sequences",
        ["Parallel"] = "parallels",
        ["Service"] = "services",
    };

    private static readonly Dictionary<string, string> RouteOfPrefix = new(StringComparer.Ordinal)
    {
        ["broker"] = "brokers",
        ["ksvc"] = "services",
        ["svc"] = "services",
    };

    /// <summary>The URL <paramref name="word"/> names, or null when it names none of these.</summary>
    public static Uri? Parse(string word)
    {
        if (Uri.TryCreate(word, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        (string? route, string name) = word.Split(':') switch
        {
            // Kind:ApiVersion:name, the apiVersion with its group (kn event send's in-cluster form).
            [var kind, var apiVersion, var named] when apiVersion.Contains('/', StringComparison.Ordinal) || apiVersion == "v1" => (RouteOfKind.GetValueOrDefault(kind), named),
            // prefix:name[:namespace]; the namespace is the one the manifests are in.
            [var prefix, var named] => (RouteOfPrefix.GetValueOrDefault(prefix), named),
            [var prefix, var named, _] => (RouteOfPrefix.GetValueOrDefault(prefix), named),
            [var named] when !named.Contains('/', StringComparison.Ordinal) => ("services", named),
            _ => (null, string.Empty),
        };
        return route is null || name.Length == 0 ? null : new Uri(Commands.CommandOptions.LocalApp, $"api/{route}/{Uri.EscapeDataString(name)}");
    }
}
