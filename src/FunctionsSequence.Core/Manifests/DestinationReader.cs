using System.Globalization;
using System.Xml;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>
/// Reads destinations (<c>ref</c> or <c>uri</c>) and <c>delivery</c> specs as every kind writes
/// them, and keeps each ref (and each Broker a Trigger names) with where it was written, for the checks across resources.
/// </summary>
internal sealed class DestinationReader(YamlNodeReader r, List<ReferenceUse> references)
{
    private static readonly string[] DestinationFields = ["ref", "uri", "CACerts", "audience"];
    private static readonly string[] RefFields = ["apiVersion", "kind", "name", "namespace"];
    private static readonly string[] DeliveryFields = ["retry", "backoffPolicy", "backoffDelay", "timeout", "deadLetterSink", "retryAfterMax", "format"];

    /// <summary>A destination written either as <c>{ref: {...}}</c>/<c>{uri: ...}</c> or, as in the seed, as the ref's fields inline.</summary>
    public Destination? ReadDestinationOrRef(YamlMappingNode map, string path)
    {
        bool inlineRef = YamlNodeReader.Child(map, "kind") is not null || YamlNodeReader.Child(map, "name") is not null;
        return inlineRef ? ReadRef(map, path) is { } reference ? new Destination(reference, null) : null : ReadDestination(map, path, []);
    }

    public Destination? ReadDestination(YamlMappingNode map, string path, string[] extraFields)
    {
        r.CheckKeys(map, path, [.. DestinationFields, .. extraFields]);
        YamlMappingNode? refMap = r.Mapping(YamlNodeReader.Child(map, "ref"), $"{path}.ref");
        string? uriText = r.Scalar(map, "uri", path);
        ObjectReference? reference = refMap is null ? null : ReadRef(refMap, $"{path}.ref");
        Uri? uri = null;
        if (uriText is not null)
        {
            if (!Uri.TryCreate(uriText, UriKind.Absolute, out uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                r.Error(YamlNodeReader.Child(map, "uri"), $"{path}.uri", $"'{uriText}' is not an absolute http(s) URL");
                return null;
            }
        }

        if (reference is null && uri is null)
        {
            if (refMap is null)
            {
                r.Error(map, path, "needs a ref (apiVersion, kind, name) or a uri");
            }

            return null;
        }

        if (reference is not null && uri is not null)
        {
            r.Error(map, path, "has both a ref and a uri; give one of them");
            return null;
        }

        return new Destination(reference, uri);
    }

    private ObjectReference? ReadRef(YamlMappingNode map, string path)
    {
        r.CheckKeys(map, path, RefFields);
        string? kind = r.Scalar(map, "kind", path, required: true);
        string? name = r.Scalar(map, "name", path, required: true);
        string? apiVersion = RequireApiVersion(r, map, path, kind);
        if (kind is null || name is null)
        {
            return null;
        }

        var reference = new ObjectReference(apiVersion ?? string.Empty, kind, name);
        // Point at the name: that is what a reader fixes when the target does not exist.
        references.Add(new ReferenceUse(reference, r.At(YamlNodeReader.Child(map, "name") ?? map), r.Resource, path));
        return reference;
    }

    /// <summary>
    /// The <c>apiVersion</c> of a ref or template, which Knative requires (knative.dev/pkg KReference.Validate):
    /// with the kind it says which resource type is meant. Reports it missing, with the version to write for a known kind.
    /// </summary>
    public static string? RequireApiVersion(YamlNodeReader r, YamlMappingNode map, string path, string? kind)
    {
        ArgumentNullException.ThrowIfNull(r);
        string? apiVersion = r.Scalar(map, "apiVersion", path);
        YamlNode? node = YamlNodeReader.Child(map, "apiVersion");
        if (string.IsNullOrEmpty(apiVersion) && node is null or YamlScalarNode)
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
        string? name = r.Scalar(map, "name", path);
        string kind = r.Scalar(map, "kind", path) ?? ResourceKind.Broker;
        string apiVersion = r.Scalar(map, "apiVersion", path) ?? string.Empty;
        if (r.Scalar(map, "namespace", path) is { Length: > 0 } ns)
        {
            r.Error(YamlNodeReader.Child(map, "namespace"), $"{path}.namespace",
                $"'{ns}' cannot be set: the Broker is the one in the Trigger's namespace (Knative allows another namespace only with its cross-namespace-event-links feature, which fseq does not have)");
        }

        if (name is null)
        {
            if (YamlNodeReader.Child(map, "name") is null or YamlScalarNode)
            {
                r.Error(map, $"{path}.name", "is required: the name of the Broker whose events this Trigger receives");
            }

            return null;
        }

        references.Add(new ReferenceUse(new ObjectReference(apiVersion, kind, name), r.At(YamlNodeReader.Child(map, "name")), r.Resource, path));
        return name;
    }

    /// <summary>Keeps a Broker named by a bare name (a Trigger's <c>spec.broker</c>), to be checked with the refs.</summary>
    public void ReferToBroker(string name, YamlNode node, string field) =>
        references.Add(new ReferenceUse(new ObjectReference(string.Empty, ResourceKind.Broker, name), r.At(node), r.Resource, field) { NameField = field });

    public DeliverySpec? ReadDelivery(YamlNode? node, string path)
    {
        YamlMappingNode? map = r.Mapping(node, path);
        if (map is null)
        {
            return null;
        }

        r.CheckKeys(map, path, DeliveryFields);
        int? retry = null;
        if (r.Scalar(map, "retry", path) is { } retryText)
        {
            if (int.TryParse(retryText, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            {
                retry = n;
            }
            else
            {
                r.Error(YamlNodeReader.Child(map, "retry"), $"{path}.retry", $"'{retryText}' is not a whole number ≥ 0");
            }
        }

        // Left unset when not written, so a channel's or Broker's policy can fill it (DeliverySpec.Merge).
        BackoffPolicy? policy = null;
        if (r.Scalar(map, "backoffPolicy", path) is { } policyText)
        {
            if (policyText is "linear" or "exponential")
            {
                policy = policyText == "linear" ? BackoffPolicy.Linear : BackoffPolicy.Exponential;
            }
            else
            {
                r.Error(YamlNodeReader.Child(map, "backoffPolicy"), $"{path}.backoffPolicy", $"'{policyText}' is not a back-off policy (expected linear or exponential)");
            }
        }

        TimeSpan? Duration(string key)
        {
            if (r.Scalar(map, key, path) is not { } text)
            {
                return null;
            }

            try
            {
                TimeSpan value = XmlConvert.ToTimeSpan(text);
                if (value > TimeSpan.Zero)
                {
                    return value;
                }
            }
            catch (FormatException)
            {
            }

            r.Error(YamlNodeReader.Child(map, key), $"{path}.{key}", $"'{text}' is not a positive ISO-8601 duration (e.g. PT0.2S, PT10S, PT1M)");
            return null;
        }

        TimeSpan? delay = Duration("backoffDelay");
        TimeSpan? timeout = Duration("timeout");
        Destination? deadLetter = null;
        if (r.Mapping(YamlNodeReader.Child(map, "deadLetterSink"), $"{path}.deadLetterSink") is { } dls)
        {
            deadLetter = ReadDestinationOrRef(dls, $"{path}.deadLetterSink");
        }

        return new DeliverySpec(retry, policy, delay, timeout, deadLetter);
    }
}
