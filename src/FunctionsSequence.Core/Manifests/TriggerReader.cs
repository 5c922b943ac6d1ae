using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Filtering;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>Reads a Trigger (v1, and the seed's v1alpha1 with <c>filter.sourceAndType</c>).</summary>
internal static class TriggerReader
{
    private const string V1 = "eventing.knative.dev/v1";

    /// <summary>The Trigger of <paramref name="doc"/>, or null when it cannot run (the errors are reported).</summary>
    public static TriggerResource? Read(ManifestDocument doc, YamlMappingNode? spec)
    {
        YamlNodeReader r = doc.Reader;
        if (spec is null)
        {
            r.Error(doc.Root, "spec", "is required: a Trigger needs spec.subscriber");
            return null;
        }

        bool v1 = doc.ApiVersion == V1;
        r.CheckKeys(spec, "spec", v1 ? ["broker", "brokerRef", "filter", "filters", "subscriber", "delivery"] : ["broker", "filter", "filters", "subscriber", "delivery"]);
        string? specBroker = SpecBroker(doc, spec, v1);
        string? broker = ReadBroker(doc, spec, specBroker, v1);
        TriggerAnnotations.Check(doc, specBroker);
        (IEventFilter filter, IReadOnlyDictionary<string, string> attributes) = FilterReader.Read(r, spec, doc.Scope.AttributeNames);
        // The delivery is read whatever the subscriber is, so that its mistakes are reported in the same pass.
        DeliverySpec? delivery = doc.Destinations.ReadDelivery(YamlNodeReader.Child(spec, "delivery"), "spec.delivery", thenReply: true);
        YamlNode? subscriberNode = YamlNodeReader.Child(spec, "subscriber");
        if (r.Mapping(subscriberNode, "spec.subscriber") is not { } subscriberMap)
        {
            if (subscriberNode is null || YamlNodeReader.IsNull(subscriberNode))
            {
                r.Error(spec, "spec.subscriber", "is required: where matching events go (a ref or a uri)");
            }

            return null;
        }

        Destination? subscriber = doc.Destinations.ReadDestinationOrRef(subscriberMap, "spec.subscriber");
        return subscriber is null || broker is null ? null : new TriggerResource(doc.Metadata, broker, filter, attributes, subscriber, delivery);
    }

    /// <summary>
    /// <c>spec.broker</c> after Knative's defaulting: v1alpha1 and v1beta1 named an unnamed broker <c>default</c> (their
    /// trigger_defaults.go; the seed's Triggers rely on it), v1 does not.
    /// </summary>
    private static string? SpecBroker(ManifestDocument doc, YamlMappingNode spec, bool v1)
    {
        string? broker = doc.Reader.Text(spec, "broker", "spec");
        return string.IsNullOrEmpty(broker) ? v1 ? null : BrokerResource.DefaultName : broker;
    }

    /// <summary>
    /// The Broker the Trigger receives from, named by exactly one of <c>spec.broker</c> and <c>spec.brokerRef</c> (v1), as
    /// Knative requires (trigger_validation.go); null when neither or both are set, or the brokerRef has no name (reported).
    /// </summary>
    private static string? ReadBroker(ManifestDocument doc, YamlMappingNode spec, string? specBroker, bool v1)
    {
        YamlNodeReader r = doc.Reader;
        YamlNode? brokerRefNode = v1 ? YamlNodeReader.Child(spec, "brokerRef") : null;
        YamlMappingNode? brokerRef = r.Mapping(brokerRefNode, "spec.brokerRef");
        string? fromRef = brokerRef is null ? null : doc.Destinations.ReadBrokerRef(brokerRef, "spec.brokerRef");
        YamlNode? brokerNode = YamlNodeReader.Child(spec, "broker");
        if (brokerRef is not null && specBroker is not null)
        {
            r.Error(brokerRefNode, "spec.brokerRef", "broker and brokerRef are both set; name the Broker with only one of them");
            return null;
        }

        if (brokerRef is not null)
        {
            return fromRef;
        }

        if (specBroker is null)
        {
            if (r.Refused(brokerNode))
            {
                return null;
            }

            r.Error(brokerNode ?? spec, "spec.broker", "is required: the name of the Broker whose events this Trigger receives (or give it as spec.brokerRef)");
            return null;
        }

        // A defaulted name has nowhere to point at; Broker 'default' is implied when a Trigger names it anyway.
        if (brokerNode is not null)
        {
            doc.Destinations.ReferToBroker(specBroker, brokerNode, "spec.broker");
        }

        return specBroker;
    }
}
