using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;
using FunctionsSequence.Steps;

namespace FunctionsSequence.Cli.Commands;

/// <summary>Loads the manifests a command names; every diagnostic goes to stderr with file and line.</summary>
internal static class ManifestInput
{
    /// <summary>
    /// The validated manifests, or null when they have an error (already reported, with what the
    /// command then does not do: <paramref name="otherwise"/>, e.g. "nothing was started"). With
    /// <paramref name="functionTimeout"/>, each delivery timeout is checked as the Functions app checks it at start.
    /// </summary>
    public static ManifestSet? Load(IReadOnlyList<string> paths, CheckpointMode checkpoint = CheckpointMode.Step, string? otherwise = null, TimeSpan? functionTimeout = null)
    {
        ManifestLoadResult loaded = Read(paths, checkpoint, functionTimeout);
        if (!loaded.HasErrors)
        {
            return loaded.Manifests!;
        }

        ReportErrors(loaded, otherwise);
        return null;
    }

    /// <summary>The manifests as read, errors or not; every diagnostic is reported.</summary>
    public static ManifestLoadResult Read(IReadOnlyList<string> paths, CheckpointMode checkpoint = CheckpointMode.Step, TimeSpan? functionTimeout = null)
    {
        // The loader checks step annotations against the steps this build registers.
        ManifestLoadResult loaded = new ManifestLoader(AppStepsServiceCollectionExtensions.Registrations(), checkpoint, functionTimeout).Load(paths, Console.OpenStandardInput());
        foreach (ManifestDiagnostic diagnostic in loaded.Diagnostics)
        {
            Console.Error.WriteLine(diagnostic);
        }

        return loaded;
    }

    /// <summary>The closing line of manifests with errors: how many, and <paramref name="otherwise"/>.</summary>
    public static void ReportErrors(ManifestLoadResult loaded, string? otherwise)
    {
        int errors = loaded.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        Console.Error.WriteLine($"fseq: {errors} error(s) in the manifests{(otherwise is null ? "" : "; " + otherwise)}.");
    }
}
