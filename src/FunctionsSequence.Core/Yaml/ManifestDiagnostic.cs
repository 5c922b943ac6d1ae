namespace FunctionsSequence.Core.Yaml;

/// <summary>One finding about the manifests: where (file, line, field), what, and what was expected.</summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="Location">File and line.</param>
/// <param name="Resource">The resource, as <c>Kind/name</c>, when known.</param>
/// <param name="Field">The field path, e.g. <c>spec.steps[1].ref.name</c>.</param>
/// <param name="Message">What is wrong and what is expected.</param>
public sealed record ManifestDiagnostic(
    DiagnosticSeverity Severity,
    SourceLocation Location,
    string? Resource,
    string Field,
    string Message)
{
    /// <inheritdoc />
    public override string ToString()
    {
        string severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        string where = Resource is null ? Field : $"{Resource} {Field}";
        return $"{Location}: {severity}: {where}: {Message}";
    }
}
