using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>Reads a Parallel (<c>flows.knative.dev/v1</c>, <c>messaging.knative.dev/v1alpha1</c>).</summary>
internal static class ParallelReader
{
    /// <summary>The Parallel of <paramref name="doc"/>, or null when it cannot run (the errors are reported).</summary>
    public static ParallelResource? Read(ManifestDocument doc, YamlMappingNode? spec)
    {
        YamlNodeReader r = doc.Reader;
        if (spec is null)
        {
            r.Error(doc.Root, "spec", "is required: a Parallel needs spec.branches");
            return null;
        }

        IReadOnlySet<string> misspelt = r.CheckKeys(spec, "spec", "branches", "channelTemplate", "reply");
        // A branch's subscriber sends the branch's reply, or the Parallel's, in the same call.
        bool replies = YamlNodeReader.Has(spec, "reply");
        bool anyReplies = replies || YamlNodeReader.Child(spec, "branches") is YamlSequenceNode written && written.Children.Any(b => YamlNodeReader.Has(b as YamlMappingNode, "reply"));
        (ObjectReference? channel, DeliverySpec? channelDelivery) = ChannelTemplateReader.Read(doc, spec, anyReplies);
        var branches = new List<ParallelBranch>();
        YamlSequenceNode? branchNodes = r.Sequence(YamlNodeReader.Child(spec, "branches"), "spec.branches");
        if (branchNodes is null || branchNodes.Children.Count == 0)
        {
            // A key that looks like a misspelt branches is the finding; "missing" would send the reader astray.
            if (branchNodes is not null || !misspelt.Contains("branches"))
            {
                r.Error(YamlNodeReader.Child(spec, "branches") ?? spec, "spec.branches", "a Parallel needs at least one branch");
            }
        }
        else
        {
            for (int i = 0; i < branchNodes.Children.Count; i++)
            {
                if (ReadBranch(doc, branchNodes.Children[i], $"spec.branches[{i}]", channelDelivery, replies) is { } branch)
                {
                    branches.Add(branch);
                }
            }
        }

        Destination? reply = r.Mapping(YamlNodeReader.Child(spec, "reply"), "spec.reply") is { } replyMap
            ? doc.Destinations.ReadDestinationOrRef(replyMap, "spec.reply")
            : null;
        return new ParallelResource(doc.Metadata, branches, reply, channel);
    }

    private static ParallelBranch? ReadBranch(ManifestDocument doc, YamlNode node, string path, DeliverySpec? channelDelivery, bool parallelReplies)
    {
        YamlNodeReader r = doc.Reader;
        YamlMappingNode? map = r.Mapping(node, path);
        if (map is null)
        {
            r.Error(node, path, "a branch needs a subscriber");
            return null;
        }

        r.CheckKeys(map, path, "filter", "subscriber", "reply", "delivery");
        Destination? Optional(string field) =>
            r.Mapping(YamlNodeReader.Child(map, field), $"{path}.{field}") is { } m ? doc.Destinations.ReadDestinationOrRef(m, $"{path}.{field}") : null;

        YamlNode? subscriberNode = YamlNodeReader.Child(map, "subscriber");
        if (r.Mapping(subscriberNode, $"{path}.subscriber") is not { } subscriberMap)
        {
            if (subscriberNode is null || YamlNodeReader.IsNull(subscriberNode))
            {
                r.Error(map, $"{path}.subscriber", "is required: where the branch's events go (a ref or a uri)");
            }

            return null;
        }

        Destination? subscriber = doc.Destinations.ReadDestinationOrRef(subscriberMap, $"{path}.subscriber");
        Destination? filter = Optional("filter");
        Destination? reply = Optional("reply");
        DeliverySpec? delivery = doc.Destinations.ReadDelivery(YamlNodeReader.Child(map, "delivery"), $"{path}.delivery", thenReply: parallelReplies || YamlNodeReader.Has(map, "reply"));
        return subscriber is null ? null : new ParallelBranch(filter, subscriber, reply, DeliverySpec.Resolve(delivery, channelDelivery), channelDelivery);
    }
}
