using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>Reads a Sequence (<c>flows.knative.dev/v1</c>, <c>messaging.knative.dev/v1alpha1</c>).</summary>
internal static class SequenceReader
{
    /// <summary>The Sequence of <paramref name="doc"/>, or null when it cannot run (the errors are reported).</summary>
    public static SequenceResource? Read(ManifestDocument doc, YamlMappingNode? spec, CheckpointMode defaultCheckpoint)
    {
        YamlNodeReader r = doc.Reader;
        if (spec is null)
        {
            r.Error(doc.Root, "spec", "is required: a Sequence needs spec.steps");
            return null;
        }

        IReadOnlySet<string> misspelt = r.CheckKeys(spec, "spec", "steps", "channelTemplate", "reply");
        bool replies = YamlNodeReader.Has(spec, "reply");
        (ObjectReference? channel, DeliverySpec? channelDelivery) = ChannelTemplateReader.Read(doc, spec, replies);
        var steps = new List<SequenceStep>();
        YamlSequenceNode? stepNodes = r.Sequence(YamlNodeReader.Child(spec, "steps"), "spec.steps");
        if (stepNodes is null || stepNodes.Children.Count == 0)
        {
            // A key that looks like a misspelt steps is the finding; "missing" would send the reader astray.
            // Nor is it beside "expected a list", which says what is wrong with the steps written.
            if (stepNodes is not null || (!misspelt.Contains("steps") && YamlNodeReader.Child(spec, "steps") is not (YamlMappingNode or YamlScalarNode { Value.Length: > 0 })))
            {
                r.Error(YamlNodeReader.Child(spec, "steps") ?? spec, "spec.steps", "a Sequence needs at least one step");
            }
        }
        else
        {
            for (int i = 0; i < stepNodes.Children.Count; i++)
            {
                string path = $"spec.steps[{i}]";
                YamlMappingNode? stepMap = r.Mapping(stepNodes.Children[i], path);
                if (stepMap is null)
                {
                    // A step that is not a mapping was reported as such; one left empty is said here.
                    if (YamlNodeReader.IsNull(stepNodes.Children[i]))
                    {
                        r.Error(stepNodes.Children[i], path, "needs a ref (apiVersion, kind, name) or a uri");
                    }

                    continue;
                }

                Destination? destination = doc.Destinations.ReadDestination(stepMap, path, extraFields: ["delivery"]);
                // The last step's call sends the reply too (HopDelivery).
                DeliverySpec? delivery = doc.Destinations.ReadDelivery(YamlNodeReader.Child(stepMap, "delivery"), $"{path}.delivery", thenReply: replies && i == stepNodes.Children.Count - 1);
                if (destination is not null)
                {
                    steps.Add(new SequenceStep(destination, DeliverySpec.Resolve(delivery, channelDelivery)));
                }
            }
        }

        Destination? reply = null;
        if (r.Mapping(YamlNodeReader.Child(spec, "reply"), "spec.reply") is { } replyMap)
        {
            reply = doc.Destinations.ReadDestinationOrRef(replyMap, "spec.reply");
        }

        CheckpointMode checkpoint = defaultCheckpoint;
        if (doc.Metadata.Annotations.TryGetValue(SequenceResource.CheckpointAnnotation, out string? mode))
        {
            if (!Enum.TryParse(mode, ignoreCase: true, out checkpoint) || !Enum.IsDefined(checkpoint))
            {
                r.Error(doc.AnnotationNode(SequenceResource.CheckpointAnnotation),
                    ManifestDocument.AnnotationField(SequenceResource.CheckpointAnnotation), $"'{mode}' is not a checkpoint mode (expected step or sequence)");
            }
        }

        return new SequenceResource(doc.Metadata, steps, reply, channel, checkpoint);
    }
}
