using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Manifests;

/// <summary>Thrown when manifests have errors; the message lists every one of them.</summary>
public sealed class ManifestException : Exception
{
    /// <summary>Creates the exception from the loader's findings.</summary>
    public ManifestException(IReadOnlyList<ManifestDiagnostic> diagnostics)
        : base(FormatMessage(diagnostics)) => Diagnostics = diagnostics;

    /// <summary>Creates the exception from the loader's findings, with a line of its caller's after them.</summary>
    public ManifestException(IReadOnlyList<ManifestDiagnostic> diagnostics, string note)
        : base(FormatMessage(diagnostics) + Environment.NewLine + note) => Diagnostics = diagnostics;

    /// <summary>Creates an exception with a message only.</summary>
    public ManifestException(string message)
        : base(message) => Diagnostics = [];

    /// <summary>Creates an exception with a message and cause.</summary>
    public ManifestException(string message, Exception innerException)
        : base(message, innerException) => Diagnostics = [];

    /// <summary>Creates an exception with no details.</summary>
    public ManifestException()
        : this("The manifests are invalid.")
    {
    }

    /// <summary>Every finding, errors first.</summary>
    public IReadOnlyList<ManifestDiagnostic> Diagnostics { get; }

    private static string FormatMessage(IReadOnlyList<ManifestDiagnostic> diagnostics)
    {
        int errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        return $"The manifests have {errors} error(s):{Environment.NewLine}" +
               string.Join(Environment.NewLine, diagnostics.Select(d => "  " + d));
    }
}
