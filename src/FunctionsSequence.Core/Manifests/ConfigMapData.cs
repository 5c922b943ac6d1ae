using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Manifests;

/// <summary>A ConfigMap of the manifests: its <c>data</c>, which containers take env from, and where it is declared.</summary>
internal sealed record ConfigMapData(IReadOnlyDictionary<string, string> Data, SourceLocation Location);
