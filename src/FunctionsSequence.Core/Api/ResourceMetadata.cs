using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Api;

/// <summary>The parts of <c>metadata</c> the runtime uses, and where the resource was declared.</summary>
public sealed record ResourceMetadata(
    string Name,
    string Namespace,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    SourceLocation Location)
{
    /// <summary>The namespace used when a manifest gives none, as kubectl would.</summary>
    public const string DefaultNamespace = "default";

    /// <summary>
    /// Whether the manifest writes its namespace. One that does not goes wherever it is applied (<c>kubectl apply -n</c>),
    /// so no namespace a ref names can be checked against it.
    /// </summary>
    public bool NamespaceWritten { get; init; }

    /// <summary>Where <c>metadata.name</c> is written, for findings about the name; the resource's own location when implied.</summary>
    public SourceLocation NameLocation
    {
        get => nameLocation ?? Location;
        init => nameLocation = value;
    }

    private readonly SourceLocation? nameLocation;

    /// <summary>Creates metadata for a resource with only a name (tests, implied resources).</summary>
    public static ResourceMetadata Named(string name, SourceLocation? location = null) =>
        new(name, DefaultNamespace, EmptyMap, EmptyMap, location ?? SourceLocation.Implied);

    private static readonly IReadOnlyDictionary<string, string> EmptyMap = new Dictionary<string, string>();
}
