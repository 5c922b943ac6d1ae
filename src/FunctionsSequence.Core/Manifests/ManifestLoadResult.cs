using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Manifests;

/// <summary>What the loader found: the resources (when there are no errors) and every finding.</summary>
public sealed record ManifestLoadResult(ManifestSet? Manifests, IReadOnlyList<ManifestDiagnostic> Diagnostics)
{
    /// <summary>True when at least one finding is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The resources, or a <see cref="ManifestException"/> that lists every error.</summary>
    public ManifestSet EnsureValid() =>
        !HasErrors && Manifests is not null ? Manifests : throw new ManifestException(Diagnostics);
}
