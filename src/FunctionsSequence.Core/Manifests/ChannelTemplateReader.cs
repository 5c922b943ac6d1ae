using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>Reads a flow's <c>spec.channelTemplate</c> (Sequence, Parallel): accepted, and kept; it does not change how events travel here.</summary>
internal static class ChannelTemplateReader
{
    /// <summary>The channel template of <paramref name="spec"/>, or null when none is given.</summary>
    public static ObjectReference? Read(YamlNodeReader r, YamlMappingNode spec)
    {
        if (r.Mapping(YamlNodeReader.Child(spec, "channelTemplate"), "spec.channelTemplate") is not { } channelMap)
        {
            return null;
        }

        r.CheckKeys(channelMap, "spec.channelTemplate", "apiVersion", "kind", "spec");
        string? kind = r.Scalar(channelMap, "kind", "spec.channelTemplate", required: true);
        string? apiVersion = DestinationReader.RequireApiVersion(r, channelMap, "spec.channelTemplate", kind);
        return new ObjectReference(apiVersion ?? string.Empty, kind ?? string.Empty, string.Empty);
    }
}
