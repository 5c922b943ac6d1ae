namespace FunctionsSequence.HostTests.Hosting;

/// <summary>
/// What one Functions app instance runs with: its own task hub (so hosts of different tests never
/// share work), its manifests, how often the source timer wakes, and any other app setting.
/// </summary>
internal sealed record HostSettings
{
    /// <summary>A schedule that never comes during a test run (Jan 1st, 00:00:00): the source timer stays quiet.</summary>
    public const string NeverTick = "0 0 0 1 1 *";

    /// <param name="taskHub">Letters and digits only, starting with a letter (Durable's rule for Azure Storage).</param>
    /// <param name="manifests">Manifest files or folders (absolute, or relative to the repository root).</param>
    public HostSettings(string taskHub, params string[] manifests)
    {
        if (taskHub.Length is < 3 or > 45 || !char.IsAsciiLetter(taskHub[0]) || !taskHub.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"task hub '{taskHub}': 3 to 45 letters and digits, a letter first", nameof(taskHub));
        }

        TaskHub = taskHub;
        Manifests = [.. manifests.Select(m => Path.GetFullPath(m, global::FunctionsSequence.Tests.Shared.RepoRoot.Path))];
    }

    public string TaskHub { get; }

    public IReadOnlyList<string> Manifests { get; }

    /// <summary>The source timer's wake-up schedule (6-field NCRONTAB).</summary>
    public string SourceTickSchedule { get; init; } = NeverTick;

    /// <summary>Further app settings (e.g. <c>FunctionsSequence__Batching__MaxEvents</c>), passed as environment variables.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Log levels set in the app's host.json (<c>logging.logLevel</c>), as a user edits it: a category
    /// such as <c>Function.RunStep.User</c> cannot be an app setting on Linux, whose names take no dots.
    /// </summary>
    public IReadOnlyDictionary<string, string> HostJsonLogLevels { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Log levels of the worker's own categories, in an <c>appsettings.json</c> beside host.json, which
    /// the isolated worker reads (<c>Logging:LogLevel</c>); the host files every line a function's
    /// worker sends under <c>Function.NAME.User</c>, whatever its category.
    /// </summary>
    public IReadOnlyDictionary<string, string> WorkerLogLevels { get; init; } = new Dictionary<string, string>();

    /// <summary>A task hub name nobody else uses: <paramref name="prefix"/> and 12 random hex digits.</summary>
    public static string NewTaskHub(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    /// <summary>
    /// Every app setting. The host id is the task hub's: hosts of one app (a restart, a scale-out)
    /// share it, as in Azure; hosts of different tests do not, so they never wait on each other's
    /// host lock or timer lock (by default the host id is the machine's name).
    /// </summary>
    public IReadOnlyDictionary<string, string> Values()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
            ["AzureFunctionsWebHost__hostid"] = TaskHub.ToLowerInvariant()[..Math.Min(32, TaskHub.Length)],
            ["TaskHubName"] = TaskHub,
            ["SourceTickSchedule"] = SourceTickSchedule,
            ["FunctionsSequence__Manifests"] = string.Join(';', Manifests),
        };
        foreach ((string name, string value) in Extra)
        {
            values[name] = value;
        }

        return values;
    }
}
