namespace FunctionsSequence.Core.Yaml;

/// <summary>How bad a manifest finding is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The manifests cannot run as written.</summary>
    Error,

    /// <summary>They run, but probably not as meant (e.g. a Trigger that loops).</summary>
    Warning,
}
