using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Infra;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Sources;
using FunctionsSequence.Core.Yaml;
using FunctionsSequence.Steps;

namespace FunctionsSequence.Functions.Hosting;

/// <summary>
/// The manifests the app runs, loaded and validated at start-up. What they hold and the loader's
/// warnings are written to the console: the host logs a worker's console lines (as
/// <c>Host.Function.Console</c>, under <c>func start</c> and in Azure), where the worker's own log
/// lines outside an invocation are dropped. Errors stop the app with a <see cref="ManifestException"/> listing them.
/// </summary>
internal static class AppManifests
{
    /// <param name="options">The app's settings, which name the manifests.</param>
    /// <param name="functionTimeout">The host's function timeout (<see cref="FunctionTimeout"/>), which each attempt must fit in.</param>
    /// <param name="console">Where what the manifests hold and their warnings are written.</param>
    /// <param name="sourceWakes">The source timer's schedule (<c>SourceTickSchedule</c>), which each source is checked against; null: not checked.</param>
    public static ManifestSet Load(AppOptions options, TimeSpan? functionTimeout, TextWriter console, CronSchedule? sourceWakes = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        string[] paths = string.IsNullOrWhiteSpace(options.Manifests)
            ? [Path.Combine(AppContext.BaseDirectory, "manifests")]
            : options.Manifests.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        ManifestLoadResult result = new ManifestLoader(AppStepsServiceCollectionExtensions.Registrations(), options.Checkpoint, functionTimeout).Load(paths);
        if (result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && d.Field is "(path)" or "(folder)"))
        {
            // A path the loader cannot read came from a setting, not from the user's command line: say which.
            string where = string.IsNullOrWhiteSpace(options.Manifests)
                ? $"FunctionsSequence__Manifests is not set, so the app reads the manifests folder beside it, {paths[0]}"
                : $"The paths come from app setting FunctionsSequence__Manifests ('{options.Manifests}'; relative ones from {Environment.CurrentDirectory})";
            throw new ManifestException(result.Diagnostics, $"{where}.");
        }

        ManifestSet manifests = result.EnsureValid(); // throws ManifestException listing file, line and field of every error
        if (EventGridNames.CheckTriggers(manifests) is { Count: > 0 } names)
        {
            throw new ManifestException(names); // each Trigger is a function trigger-NAME, which the host would refuse
        }

        IEnumerable<ManifestDiagnostic> sourceWarnings = sourceWakes is null ? [] : SourceWakeCheck.Check(manifests, sourceWakes, DateTimeOffset.UtcNow);
        foreach (ManifestDiagnostic warning in result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).Concat(sourceWarnings))
        {
            console.WriteLine($"FunctionsSequence: {warning}");
        }

        if (functionTimeout is { } limit && DeliveryPolicy.CallLimitWarning(limit) is { } noRoom)
        {
            console.WriteLine($"FunctionsSequence: warning: {noRoom}");
        }

        console.WriteLine($"FunctionsSequence: manifests {string.Join(", ", paths)}: {manifests.Summary}.");
        return manifests;
    }
}
