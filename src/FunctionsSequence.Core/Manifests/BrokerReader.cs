using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>Reads a Broker (<c>eventing.knative.dev/v1</c>).</summary>
internal static class BrokerReader
{
    /// <summary>The annotation naming the Broker implementation; Knative defaults it when absent but refuses it empty.</summary>
    private const string ClassAnnotation = "eventing.knative.dev/broker.class";

    /// <summary>Knative's own class, what a Broker without the annotation gets.</summary>
    private const string DefaultClass = "MTChannelBasedBroker";

    private static readonly string[] ConfigFields = ["apiVersion", "kind", "name", "namespace"];

    /// <summary>The Broker of <paramref name="doc"/>.</summary>
    public static BrokerResource Read(ManifestDocument doc, YamlMappingNode? spec)
    {
        if (doc.Metadata.Annotations.TryGetValue(ClassAnnotation, out string? brokerClass) && brokerClass.Length == 0)
        {
            doc.Reader.Error(doc.AnnotationNode(ClassAnnotation), ManifestDocument.AnnotationField(ClassAnnotation),
                "is empty: name the Broker class (e.g. MTChannelBasedBroker), or leave the annotation out for the default class");
        }
        else if (brokerClass is { Length: > 0 } && brokerClass != DefaultClass)
        {
            doc.Reader.Warning(doc.AnnotationNode(ClassAnnotation), ManifestDocument.AnnotationField(ClassAnnotation),
                $"the class '{brokerClass}' is not run as such: every Broker here is an Event Grid topic in Azure and routes in process in fseq, so what the class adds (its own settings in spec.config, its delivery guarantees) does not apply");
        }

        DeliverySpec? delivery = null;
        if (spec is not null)
        {
            doc.Reader.CheckKeys(spec, "spec", "config", "delivery", "channelTemplateSpec");
            CheckConfig(doc.Reader, YamlNodeReader.Child(spec, "config"));
            delivery = doc.Destinations.ReadDelivery(YamlNodeReader.Child(spec, "delivery"), "spec.delivery", thenReply: true);
        }

        return new BrokerResource(doc.Metadata, delivery ?? DeliverySpec.BrokerDefault, Implied: false);
    }

    /// <summary>
    /// <c>spec.config</c>, the Broker class's settings (a ConfigMap, usually). fseq has no use for it, but Knative refuses
    /// one without apiVersion, kind and name (KReference.Validate), and so does the loader. Its namespace may differ from
    /// the Broker's: Knative allows that unless config-br-defaults says otherwise, a setting fseq does not have.
    /// </summary>
    private static void CheckConfig(YamlNodeReader r, YamlNode? node)
    {
        if (r.Mapping(node, "spec.config") is not { } config)
        {
            return;
        }

        r.CheckKeys(config, "spec.config", ConfigFields);
        foreach (string field in (string[])["apiVersion", "kind", "name"])
        {
            YamlNode? value = YamlNodeReader.Child(config, field);
            if (value is null or YamlScalarNode && string.IsNullOrEmpty(r.Scalar(config, field, "spec.config")))
            {
                r.Error(value ?? config, $"spec.config.{field}", "is required: a Broker's config names what holds its settings by apiVersion, kind and name (e.g. v1, ConfigMap, config-br-default-channel)");
            }
        }
    }
}
