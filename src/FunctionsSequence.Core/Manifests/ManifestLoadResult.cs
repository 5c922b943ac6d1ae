using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Manifests;

/// <summary>What the loader found: the resources (when there are no errors) and every finding.</summary>
public sealed record ManifestLoadResult(ManifestSet? Manifests, IReadOnlyList<ManifestDiagnostic> Diagnostics)
{
    /// <summary>
    /// The resources declared that <see cref="Manifests"/> lacks, by kind and name, because an error kept them out
    /// (a Service whose image cannot run here, a Sequence with no steps): what a picture of manifests with errors names but cannot draw.
    /// </summary>
    public IReadOnlySet<(string Kind, string Name)> Unread { get; init; } = new HashSet<(string Kind, string Name)>();

    /// <summary>True when at least one finding is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The resources, or a <see cref="ManifestException"/> that lists every error.</summary>
    public ManifestSet EnsureValid() =>
        !HasErrors && Manifests is not null ? Manifests : throw new ManifestException(Diagnostics);
}
