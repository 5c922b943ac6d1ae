using FunctionsSequence.Core.Filtering;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Manifests;

/// <summary>
/// What the documents of one load share: the names they declare and the ConfigMaps' data, known before any spec is
/// read (so that a cluster-local address can tell whether it names one of them, and env can be taken from a ConfigMap
/// declared after its Service), and the refs they make, checked once all are read.
/// </summary>
internal sealed class ManifestScope
{
    /// <summary>Every resource declared, read or not, by kind and name.</summary>
    public HashSet<(string Kind, string Name)> Declared { get; } = [];

    /// <summary>The resources declared twice (a duplicate is an error, and refs to the name are not checked against either).</summary>
    public HashSet<(string Kind, string Name)> DeclaredTwice { get; } = [];

    /// <summary>The ConfigMaps declared, by name: containers take env from them.</summary>
    public Dictionary<string, ConfigMapData> ConfigMaps { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The longest one function call may run where the manifests run (the Functions app's function timeout), which one
    /// attempt of a hop must fit in; null where calls have no limit (fseq).
    /// </summary>
    public TimeSpan? CallLimit { get; init; }

    /// <summary>
    /// Where a document or a whole file could not be read (a YAML syntax error, bytes that are not UTF-8, a file that
    /// cannot be opened), at its error: what it declares is not known, so a ref to a name not found may name it.
    /// </summary>
    public List<SourceLocation> Unparsed { get; } = [];

    /// <summary>Every ref the manifests make.</summary>
    public List<ReferenceUse> References { get; } = [];

    /// <summary>The attribute names the manifests write, in filters and sources: a <c>cesql</c> name is checked against them once all are read (<see cref="CesqlAttributeNames"/>).</summary>
    public AttributeNamesWritten AttributeNames { get; } = new();

    /// <summary>The names declared of <paramref name="kind"/>, for suggestions.</summary>
    public IEnumerable<string> NamesOf(string kind) => Declared.Where(d => d.Kind == kind).Select(d => d.Name);
}
