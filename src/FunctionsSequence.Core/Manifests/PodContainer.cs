using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>A container of a pod template, as far as it decides what runs and whether it serves requests, with where to report about it.</summary>
/// <param name="Reader">The reader of the document it is in.</param>
/// <param name="At">Where findings about the image go: the image's line, else the container's or the template's.</param>
/// <param name="Path">The container's field path (<c>spec.template.spec.containers[0]</c>).</param>
/// <param name="Image">Its image, if any.</param>
/// <param name="EnvNode">Its <c>env</c> list, if any.</param>
/// <param name="Environment">Its environment variables with literal values.</param>
/// <param name="Explained">True when there is none and a finding has said why: a misspelt key (<c>containerers</c>), or an image refused as written.</param>
internal sealed record PodContainer(
    YamlNodeReader Reader, YamlNode At, string Path, string? Image, YamlNode? EnvNode, IReadOnlyDictionary<string, string> Environment, bool Explained = false)
{
    /// <summary>The env that takes its value from <c>valueFrom</c> (unresolved here, so empty in <see cref="Environment"/>), with where it is.</summary>
    public IReadOnlyDictionary<string, (YamlNode At, string Field)>? ValueFrom { get; init; }

    /// <summary>The first <c>envFrom</c> source not resolved here (a Secret, a ConfigMap the manifests do not declare), if any.</summary>
    public YamlNode? EnvFrom { get; init; }

    /// <summary>Its entry in <c>containers</c>, for findings about the container as a whole.</summary>
    public YamlNode? Entry { get; init; }

    /// <summary>Its <c>name</c>, if any.</summary>
    public string? Name { get; init; }

    /// <summary>Its <c>ports</c> entries, which say whether it serves requests (<see cref="ServingContainer"/>).</summary>
    public IReadOnlyList<YamlNode> Ports { get; init; } = [];
}
