using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Filtering;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>Reads a Trigger (v1, and the seed's v1alpha1 with <c>filter.sourceAndType</c>).</summary>
internal static class TriggerReader
{
    /// <summary>The Trigger of <paramref name="doc"/>, or null when it cannot run (the errors are reported).</summary>
    public static TriggerResource? Read(ManifestDocument doc, YamlMappingNode? spec)
    {
        YamlNodeReader r = doc.Reader;
        if (spec is null)
        {
            r.Error(doc.Root, "spec", "is required: a Trigger needs spec.subscriber");
            return null;
        }

        r.CheckKeys(spec, "spec", "broker", "filter", "filters", "subscriber", "delivery");

        // v1alpha1 and v1 both default an unnamed broker to "default".
        string broker = r.Scalar(spec, "broker", "spec") ?? BrokerResource.DefaultName;
        (IEventFilter filter, IReadOnlyDictionary<string, string> attributes) = FilterReader.Read(r, spec);
        YamlMappingNode? subscriberMap = r.Mapping(YamlNodeReader.Child(spec, "subscriber"), "spec.subscriber");
        if (subscriberMap is null)
        {
            r.Error(spec, "spec.subscriber", "is required: where matching events go (a ref or a uri)");
            return null;
        }

        Destination? subscriber = doc.Destinations.ReadDestinationOrRef(subscriberMap, "spec.subscriber");
        DeliverySpec? delivery = doc.Destinations.ReadDelivery(YamlNodeReader.Child(spec, "delivery"), "spec.delivery");
        return subscriber is null ? null : new TriggerResource(doc.Metadata, broker, filter, attributes, subscriber, delivery);
    }
}
