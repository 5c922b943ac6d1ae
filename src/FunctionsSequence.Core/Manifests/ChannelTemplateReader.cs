using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>
/// Reads a flow's <c>spec.channelTemplate</c> (Sequence, Parallel). Its channel kind does not change how
/// events travel here; its <c>spec.delivery</c> is, as on a Knative channel, the delivery of every
/// subscription (step, branch) that does not set a field itself.
/// </summary>
internal static class ChannelTemplateReader
{
    /// <summary>
    /// The channel template of <paramref name="spec"/> and its delivery, each null when not given; <paramref name="thenReply"/>
    /// when one of the flow's hops sends a reply (<see cref="DestinationReader.ReadDelivery"/>).
    /// </summary>
    public static (ObjectReference? Channel, DeliverySpec? Delivery) Read(ManifestDocument doc, YamlMappingNode spec, bool thenReply)
    {
        YamlNodeReader r = doc.Reader;
        if (r.Mapping(YamlNodeReader.Child(spec, "channelTemplate"), "spec.channelTemplate") is not { } channelMap)
        {
            return (null, null);
        }

        r.CheckKeys(channelMap, "spec.channelTemplate", "apiVersion", "kind", "spec");
        string? kind = r.Text(channelMap, "kind", "spec.channelTemplate", required: true);
        string? apiVersion = DestinationReader.RequireApiVersion(r, channelMap, "spec.channelTemplate", kind);
        DeliverySpec? delivery = null;
        if (r.Mapping(YamlNodeReader.Child(channelMap, "spec"), "spec.channelTemplate.spec") is { } channelSpec)
        {
            delivery = doc.Destinations.ReadDelivery(YamlNodeReader.Child(channelSpec, "delivery"), "spec.channelTemplate.spec.delivery", thenReply);
            foreach (YamlNode key in channelSpec.Children.Keys.Where(k => (k as YamlScalarNode)?.Value != "delivery"))
            {
                // A channel's own settings (a KafkaChannel's partitions, say) have nothing to set here.
                r.Warning(key, $"spec.channelTemplate.spec.{key}", $"has no effect here: events between steps travel through the durable backend, not a {kind}");
            }
        }

        return (new ObjectReference(apiVersion ?? string.Empty, kind ?? string.Empty, string.Empty), delivery);
    }
}
