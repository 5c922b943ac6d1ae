using System.Text.Json;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>
/// The two Trigger annotations Knative's webhook checks (pkg/apis/eventing/v1/trigger_validation.go):
/// <c>knative.dev/dependency</c>, a JSON object reference to what the Trigger waits for, and
/// <c>eventing.knative.dev/injection</c>, which asks for Broker <c>default</c> and so only goes with it.
/// fseq reads neither at run time; a manifest that Knative would refuse is refused here too, and a dependency these
/// manifests do not declare is warned about (a misspelt name, most likely).
/// </summary>
internal static class TriggerAnnotations
{
    /// <summary>The annotation naming a resource (usually a source) the Trigger waits for.</summary>
    public const string Dependency = "knative.dev/dependency";

    /// <summary>The annotation asking Knative to create Broker <c>default</c> for the Trigger.</summary>
    public const string Injection = "eventing.knative.dev/injection";

    // The string fields of a corev1.ObjectReference, which Go matches ignoring case; other fields are ignored.
    private static readonly string[] ReferenceFields = ["kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"];

    /// <summary>Checks the annotations of the Trigger <paramref name="doc"/>, whose <c>spec.broker</c> (after defaulting) is <paramref name="broker"/>.</summary>
    public static void Check(ManifestDocument doc, string? broker)
    {
        if (doc.Metadata.Annotations.TryGetValue(Dependency, out string? dependency))
        {
            CheckDependency(doc, dependency);
        }

        if (doc.Metadata.Annotations.TryGetValue(Injection, out string? injection))
        {
            CheckInjection(doc, injection, broker);
        }
    }

    private static void CheckDependency(ManifestDocument doc, string text)
    {
        string field = ManifestDocument.AnnotationField(Dependency);
        YamlNode? node = doc.AnnotationNode(Dependency);
        Dictionary<string, string>? reference = ReadReference(text, out string? problem);
        if (reference is null)
        {
            doc.Reader.Error(node, field,
                $"'{text}' is not a JSON object reference such as {{\"apiVersion\": \"sources.knative.dev/v1\", \"kind\": \"PingSource\", \"name\": \"ping\"}}: {problem}");
            return;
        }

        bool refused = false;

        // A Trigger without a namespace goes wherever it is applied, so a dependency's namespace cannot be checked against it.
        if (reference.GetValueOrDefault("namespace") is { Length: > 0 } ns && doc.Metadata.NamespaceWritten && ns != doc.Metadata.Namespace)
        {
            doc.Reader.Error(node, $"{field}.namespace", $"'{ns}' is not the Trigger's namespace '{doc.Metadata.Namespace}': a dependency is in the same namespace (or leave namespace out)");
            refused = true;
        }

        foreach (string required in (string[])["kind", "name", "apiVersion"])
        {
            if (string.IsNullOrEmpty(reference.GetValueOrDefault(required)))
            {
                doc.Reader.Error(node, $"{field}.{required}", "is required: a dependency names what the Trigger waits for by apiVersion, kind and name");
                refused = true;
            }
        }

        if (!refused)
        {
            WarnIfUndeclared(doc, node, field, reference["kind"], reference["name"]);
        }
    }

    /// <summary>
    /// Knative's Trigger reconciler subscribes the Trigger, then reports it not ready while its dependency cannot be
    /// found, so a dependency these manifests do not declare (most likely a misspelt name) is a warning. Kinds match
    /// in any case, as Knative looks a kind up by its lower-cased resource name.
    /// </summary>
    private static void WarnIfUndeclared(ManifestDocument doc, YamlNode? node, string field, string kind, string name)
    {
        string[] named = [.. doc.Scope.Declared.Where(d => d.Kind.Equals(kind, StringComparison.OrdinalIgnoreCase)).Select(d => d.Name)];
        if (!named.Contains(name, StringComparer.Ordinal))
        {
            doc.Reader.Warning(node, $"{field}.name",
                $"{kind} '{name}' is not declared in these manifests{Spelling.DidYouMean(name, named)}: Knative reports this Trigger not ready "
                + "until it exists, and delivers to its subscriber all the same, as fseq does");
        }
    }

    /// <summary>The string fields of the object reference in <paramref name="text"/>, or null with what is wrong.</summary>
    private static Dictionary<string, string>? ReadReference(string text, out string? problem)
    {
        if (!JsonObjectText.TryParse(text, out JsonElement json, out problem))
        {
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (json.ValueKind != JsonValueKind.Object)
        {
            return fields;
        }

        foreach (JsonProperty property in json.EnumerateObject())
        {
            string? known = ReferenceFields.FirstOrDefault(f => string.Equals(f, property.Name, StringComparison.OrdinalIgnoreCase));
            if (known is null || property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (property.Value.ValueKind != JsonValueKind.String)
            {
                problem = $"{property.Name} is {JsonErrors.Kind(property.Value.ValueKind)}, not a string";
                return null;
            }

            fields[known] = property.Value.GetString()!;
        }

        return fields;
    }

    private static void CheckInjection(ManifestDocument doc, string value, string? broker)
    {
        string field = ManifestDocument.AnnotationField(Injection);
        YamlNode? node = doc.AnnotationNode(Injection);
        if (value is not ("enabled" or "disabled"))
        {
            doc.Reader.Error(node, field, $"'{value}' is neither enabled nor disabled, the two values it takes");
        }
        else if (broker != BrokerResource.DefaultName)
        {
            string named = broker is null ? "names no spec.broker" : $"names Broker '{broker}'";
            doc.Reader.Error(node, field, $"is only for Broker '{BrokerResource.DefaultName}' (it asks Knative to create that Broker), and this Trigger {named}");
        }
    }
}
