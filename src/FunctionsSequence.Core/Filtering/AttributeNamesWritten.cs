namespace FunctionsSequence.Core.Filtering;

/// <summary>
/// The attribute names the manifests of one load write, kept as they are read so that a <c>cesql</c> name can be
/// checked against all of them once every manifest is read.
/// </summary>
internal sealed class AttributeNamesWritten
{
    /// <summary>
    /// The names written outside CESQL: the keys of <c>filter.attributes</c>, <c>exact</c>, <c>prefix</c> and
    /// <c>suffix</c>, and a source's <c>ceOverrides</c> extensions. A <c>cesql</c> name among them is meant.
    /// </summary>
    public HashSet<string> Elsewhere { get; } = new(StringComparer.Ordinal);

    /// <summary>The attributes <c>cesql</c> filters read, with where each is written.</summary>
    public List<CesqlAttributeUse> InCesql { get; } = [];
}
