using System.Text.RegularExpressions;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Steps;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>
/// Reads destinations (<c>ref</c> or <c>uri</c>) and <c>delivery</c> specs as every kind writes
/// them, and keeps each ref (and each Broker a Trigger names) with where it was written, for the checks across resources.
/// Each destination it reads is sent to from <paramref name="senderNamespace"/>, the namespace of the resource being read.
/// </summary>
internal sealed partial class DestinationReader(YamlNodeReader r, ManifestScope scope, string senderNamespace)
{
    private static readonly string[] DestinationFields = ["ref", "uri", "CACerts", "audience"];
    private static readonly string[] RefFields = ["apiVersion", "kind", "name", "namespace", "group"];

    /// <summary>A destination written either as <c>{ref: {...}}</c>/<c>{uri: ...}</c> or, as in the seed, as the ref's fields inline.</summary>
    public Destination? ReadDestinationOrRef(YamlMappingNode map, string path)
    {
        bool inlineRef = YamlNodeReader.Child(map, "kind") is not null || YamlNodeReader.Child(map, "name") is not null;
        if (!inlineRef)
        {
            return ReadDestination(map, path, []);
        }

        return Keep(ReadRef(map, path)) is { } use ? new Destination(use.Reference, null) { SenderNamespace = senderNamespace } : null;
    }

    /// <summary>
    /// A destination as Knative validates it (knative.dev/pkg duckv1 ValidateDestination): a ref, an absolute
    /// http(s) URL, or a ref with a relative URI resolved against the ref's address. A cluster-local URL
    /// (<see cref="ClusterLocalAddress"/>) is read as a ref to the Service or Broker it names, when the manifests declare it.
    /// </summary>
    public Destination? ReadDestination(YamlMappingNode map, string path, string[] extraFields)
    {
        r.CheckKeys(map, path, [.. DestinationFields, .. extraFields]);
        string? caCerts = ReadCACerts(map, path);
        if (YamlNodeReader.Child(map, "audience") is { } audience)
        {
            r.Warning(audience, $"{path}.audience", "is not used: deliveries here carry no OIDC token (Knative sends one only with its authentication-oidc feature on)");
        }

        return ReadAddress(map, path) is { } destination ? destination with { CACerts = caCerts, SenderNamespace = senderNamespace } : null;
    }

    /// <summary>
    /// The certificate authorities a destination trusts beside the system's (<c>CACerts</c>, PEM), as Knative's webhook
    /// checks them (duckv1 Destination): at least one certificate, each one that parses.
    /// </summary>
    private string? ReadCACerts(YamlMappingNode map, string path)
    {
        if (r.Scalar(map, "CACerts", path) is not { } pem)
        {
            return null;
        }

        if (TrustedRoots.Problem(pem) is { } problem)
        {
            r.Error(YamlNodeReader.Child(map, "CACerts"), $"{path}.CACerts", problem);
            return null;
        }

        return pem;
    }

    private Destination? ReadAddress(YamlMappingNode map, string path)
    {
        YamlMappingNode? refMap = r.Mapping(YamlNodeReader.Child(map, "ref"), $"{path}.ref");
        string? uriText = r.Text(map, "uri", path);
        YamlNode? uriNode = YamlNodeReader.Child(map, "uri");
        ReferenceUse? use = refMap is null ? null : ReadRef(refMap, $"{path}.ref");
        if (uriText is null || (uriText.Length == 0 && refMap is not null)) // an empty uri beside a ref resolves to the ref's own address, as in Knative
        {
            if (!YamlNodeReader.Has(map, "ref") && !YamlNodeReader.Has(map, "uri")) // one that could not be read has its own error
            {
                r.Error(map, path, "needs a ref (apiVersion, kind, name) or a uri");
            }

            return Keep(use) is { } kept ? new Destination(kept.Reference, null) : null;
        }

        bool absolute = Scheme().IsMatch(uriText);
        if (refMap is not null)
        {
            if (absolute)
            {
                r.Error(uriNode, $"{path}.uri", $"'{ShownUri.Of(uriText)}' is absolute: beside a ref, a uri is a path resolved against the ref's address (Knative refuses an absolute uri with a ref); give the ref or the URL");
                return null;
            }

            if (!Uri.TryCreate(uriText, UriKind.Relative, out Uri? relative))
            {
                r.Error(uriNode, $"{path}.uri", $"'{ShownUri.Of(uriText)}' is not a relative URI (a path such as /extra/path)");
                return null;
            }

            return Keep(use is null ? null : use with { RelativeUri = (relative, r.At(uriNode), $"{path}.uri") }) is { } kept
                ? new Destination(kept.Reference, relative)
                : null;
        }

        if (!absolute)
        {
            r.Error(uriNode, $"{path}.uri", $"'{ShownUri.Of(uriText)}' is a relative URI, which is resolved against a ref's address: write an absolute http(s) URL, or add the ref (Knative refuses a relative uri without a ref)");
            return null;
        }

        // Another scheme with a host (after '//', as Go's url.Parse finds one): Knative's webhook takes it, and its dispatcher
        // (sanitizeURL) sends to that host and port over http; read as http here, so that .NET's rules for the scheme do not
        // drop a port or a host (ftp://h:21, news://h). Without a host (mailto:, urn:) Knative refuses it.
        int scheme = uriText.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0 && !uriText.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !uriText.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            && Uri.TryCreate(Uri.UriSchemeHttp + uriText[scheme..], UriKind.Absolute, out Uri? asHttp) && asHttp.Host.Length > 0)
        {
            Uri sent = new UriBuilder(Uri.UriSchemeHttp, asHttp.Host, asHttp.Port, "/").Uri;
            r.Warning(uriNode, $"{path}.uri", $"'{ShownUri.Of(uriText)}' is not an http(s) URL: events go to {sent}, its host over http, as Knative's dispatcher sends them");
            uriText = sent.AbsoluteUri;
        }

        if (!Uri.TryCreate(uriText, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            r.Error(uriNode, $"{path}.uri", $"'{ShownUri.Of(uriText)}' is not an absolute http(s) URL");
            return null;
        }

        if (ClusterLocalAddress.TryParse(uri, out string? kind, out string? name, out string? ns, out Uri? servicePath))
        {
            if (!scope.Declared.Contains((kind, name)) && (kind, name) != (ResourceKind.Broker, BrokerResource.DefaultName))
            {
                // A name close to a declared one is a typo; any other may still resolve where the app runs in a cluster (AKS),
                // so it is called as written.
                string? meant = Spelling.Suggest(name, scope.NamesOf(kind));
                string text = $"'{ShownUri.Of(uri)}' is a cluster-local address, which resolves only inside a Kubernetes cluster, and it names no {kind} of these manifests";
                if (meant is not null && IsTypo(name, meant))
                {
                    r.Error(uriNode, $"{path}.uri", $"{text}: {kind} '{name}' does not exist; did you mean '{meant}'?");
                    return null;
                }

                string hint = meant is null ? string.Empty : $"; did you mean '{meant}'?";
                r.Warning(uriNode, $"{path}.uri", $"{text} ({kind} '{name}'{hint}): it is called as written; declare the {kind}, or give the URL it is reached at");
                return new Destination(null, uri);
            }

            SourceLocation at = r.At(uriNode);
            var reference = new ObjectReference(string.Empty, kind, name, ns);
            scope.References.Add(new ReferenceUse(reference, at, r.Resource, path)
            {
                NameField = $"{path}.uri",
                NamespaceLocation = at,
                ClusterLocal = ShownUri.Of(uri),
                RelativeUri = servicePath is null ? null : (servicePath, at, $"{path}.uri"),
            });
            return new Destination(reference, servicePath);
        }

        return new Destination(null, uri);
    }

    /// <summary>A ref's fields; the caller keeps the use (<see cref="Keep"/>) once it knows what is written beside it.</summary>
    private ReferenceUse? ReadRef(YamlMappingNode map, string path)
    {
        r.CheckKeys(map, path, RefFields);
        string? kind = r.Text(map, "kind", path, required: true);
        string? name = r.Text(map, "name", path, required: true);
        string? group = YamlNodeReader.Child(map, "apiVersion") is null ? r.Text(map, "group", path) : null;
        string? apiVersion = group is { Length: > 0 } ? ApiVersionOfGroup(map, path, kind, group)
            : r.Refused(YamlNodeReader.Child(map, "group")) ? null
            : RequireApiVersion(r, map, path, kind);
        string? ns = r.Text(map, "namespace", path) is { Length: > 0 } written ? written : null;
        if (kind is null || name is null)
        {
            return null;
        }

        // Point at the name: that is what a reader fixes when the target does not exist.
        return new ReferenceUse(new ObjectReference(apiVersion ?? string.Empty, kind, name, ns), r.At(YamlNodeReader.Child(map, "name") ?? map), r.Resource, path)
        {
            NamespaceLocation = ns is null ? null : r.At(YamlNodeReader.Child(map, "namespace")),
        };
    }

    /// <summary>
    /// A ref's <c>group</c> in place of its <c>apiVersion</c> (Knative's KReference with its kreference-group feature on):
    /// the kind's current version in that group. A kind no ref may name is left to the reference checks to report.
    /// </summary>
    private string? ApiVersionOfGroup(YamlMappingNode map, string path, string? kind, string group)
    {
        if (kind is null || !ResourceKind.ApiVersions.TryGetValue(kind, out string[]? versions))
        {
            return null;
        }

        if (versions.FirstOrDefault(v => v.StartsWith(group + "/", StringComparison.Ordinal)) is { } version)
        {
            return version;
        }

        string[] groups = [.. versions.Select(v => v.Split('/')[0]).Distinct()];
        r.Error(YamlNodeReader.Child(map, "group"), $"{path}.group", $"'{group}' is not a group of {kind} (expected {string.Join(" or ", groups)})");
        return null;
    }

    private ReferenceUse? Keep(ReferenceUse? use)
    {
        if (use is not null)
        {
            scope.References.Add(use);
        }

        return use;
    }

    /// <summary>
    /// Whether <paramref name="name"/> is a slip of <paramref name="meant"/> rather than another Service's name: one
    /// character off in a name of 4 or more, two in one of 8 or more (short names such as db and ui differ that much).
    /// </summary>
    private static bool IsTypo(string name, string meant) =>
        Spelling.Distance(name, meant) <= (name.Length >= 8 ? 2 : name.Length >= 4 ? 1 : 0);

    // RFC 3986 scheme: what makes a URI absolute (Go's url.URL.IsAbs, which Knative checks).
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex Scheme();

    /// <summary>
    /// The <c>apiVersion</c> of a ref or template, which Knative requires (knative.dev/pkg KReference.Validate):
    /// with the kind it says which resource type is meant. Reports it missing, with the version to write for a known kind.
    /// </summary>
    public static string? RequireApiVersion(YamlNodeReader r, YamlMappingNode map, string path, string? kind)
    {
        ArgumentNullException.ThrowIfNull(r);
        string? apiVersion = r.Text(map, "apiVersion", path);
        YamlNode? node = YamlNodeReader.Child(map, "apiVersion");
        if (string.IsNullOrEmpty(apiVersion) && (node is null || YamlNodeReader.IsNull(node) || apiVersion is not null)) // else refused as written
        {
            string example = kind is not null && ResourceKind.ApiVersions.TryGetValue(kind, out string[]? versions) ? $" (for a {kind}: {versions[0]})" : string.Empty;
            r.Error(node ?? map, $"{path}.apiVersion", $"is required{example}: with kind, it names the resource type (Knative refuses a ref or template without it)");
            return null;
        }

        return apiVersion;
    }

    /// <summary>
    /// A Trigger's <c>spec.brokerRef</c> (v1): the Broker's name. Knative checks neither kind nor apiVersion, so both may
    /// be left out; a kind other than Broker is refused with the other refs. A namespace is refused, as Knative does
    /// unless its cross-namespace-event-links feature is enabled (fseq has no such setting).
    /// </summary>
    public string? ReadBrokerRef(YamlMappingNode map, string path)
    {
        r.CheckKeys(map, path, RefFields);
        string? name = r.Text(map, "name", path);
        string kind = r.Text(map, "kind", path) ?? ResourceKind.Broker;
        string apiVersion = r.Text(map, "apiVersion", path) ?? string.Empty;
        if (r.Text(map, "namespace", path) is { Length: > 0 } ns)
        {
            r.Error(YamlNodeReader.Child(map, "namespace"), $"{path}.namespace",
                $"'{ns}' cannot be set: the Broker is the one in the Trigger's namespace (Knative allows another namespace only with its cross-namespace-event-links feature, which fseq does not have)");
        }

        if (name is null)
        {
            if (!r.Refused(YamlNodeReader.Child(map, "name")))
            {
                r.Error(map, $"{path}.name", "is required: the name of the Broker whose events this Trigger receives");
            }

            return null;
        }

        scope.References.Add(new ReferenceUse(new ObjectReference(apiVersion, kind, name), r.At(YamlNodeReader.Child(map, "name")), r.Resource, path));
        return name;
    }

    /// <summary>Keeps a Broker named by a bare name (a Trigger's <c>spec.broker</c>), to be checked with the refs.</summary>
    public void ReferToBroker(string name, YamlNode node, string field) =>
        scope.References.Add(new ReferenceUse(new ObjectReference(string.Empty, ResourceKind.Broker, name), r.At(node), r.Resource, field) { NameField = field });
}
