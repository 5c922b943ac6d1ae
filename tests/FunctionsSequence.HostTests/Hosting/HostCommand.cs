namespace FunctionsSequence.HostTests.Hosting;

/// <summary>
/// How a Functions host is started: a script that takes the arguments of
/// <c>functions-host/start</c> (<c>APP_DIR --port N --key KEY --settings FILE --secrets DIR</c>),
/// or Core Tools' <c>func start --port N</c>, run in APP_DIR.
/// </summary>
internal sealed record HostCommand(string FileName, bool IsCoreTools)
{
    /// <summary>The variable that names a start script of one's own.</summary>
    public const string StartVariable = "FUNCTIONS_HOST_START";

    /// <summary>What a machine needs for these tests, for the skip or failure message.</summary>
    public static string Options =>
        $"No Azure Functions host found. Either set {StartVariable} to a script that takes the arguments of functions-host/start " +
        $"(APP_DIR --port N --key KEY --settings FILE --secrets DIR), or put the shared host at {SharedStart}, " +
        "or install Azure Functions Core Tools v4 so that `func` is on PATH.";

    /// <summary>Core Tools does not check function keys unless told to: the tests of keys are skipped under it.</summary>
    public bool EnforcesKeys => !IsCoreTools;

    private static string SharedStart => Path.GetFullPath(Path.Combine(global::FunctionsSequence.Tests.Shared.RepoRoot.Path, "..", "shared", "functions-host", "start"));

    /// <summary>The first of: <c>$FUNCTIONS_HOST_START</c>, the shared host beside the repository, <c>func</c> on PATH; null if none.</summary>
    public static HostCommand? Find()
    {
        if (Environment.GetEnvironmentVariable(StartVariable) is { Length: > 0 } script)
        {
            // Named on purpose: a wrong path is an error, not a reason to fall back to another host.
            return File.Exists(script) ? new HostCommand(Path.GetFullPath(script), IsCoreTools: false)
                : throw new FileNotFoundException($"{StartVariable} names a file that does not exist", script);
        }

        if (File.Exists(SharedStart))
        {
            return new HostCommand(SharedStart, IsCoreTools: false);
        }

        string? func = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "func"))
            .FirstOrDefault(File.Exists);
        return func is null ? null : new HostCommand(func, IsCoreTools: true);
    }

    /// <summary>The arguments that start one host; Core Tools reads its settings from APP_DIR/local.settings.json.</summary>
    public IReadOnlyList<string> Arguments(string appDir, int port, string key, string settingsFile, string secretsDir) =>
        IsCoreTools
            ? ["start", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]
            : [appDir, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--key", key, "--settings", settingsFile, "--secrets", secretsDir];
}
