using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>Reads a Broker (<c>eventing.knative.dev/v1</c>).</summary>
internal static class BrokerReader
{
    /// <summary>The Broker of <paramref name="doc"/>.</summary>
    public static BrokerResource Read(ManifestDocument doc, YamlMappingNode? spec)
    {
        DeliverySpec? delivery = null;
        if (spec is not null)
        {
            doc.Reader.CheckKeys(spec, "spec", "config", "delivery", "channelTemplateSpec");
            delivery = doc.Destinations.ReadDelivery(YamlNodeReader.Child(spec, "delivery"), "spec.delivery");
        }

        return new BrokerResource(doc.Metadata, delivery, Implied: false);
    }
}
