using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FunctionsSequence.HostTests.Hosting;

/// <summary>
/// The Functions app running on a real Functions host: its own copy of the app, port, function key,
/// task hub and settings. It can be stopped and started again on the same task hub (a restart), or
/// killed hard (a crash); its log spans every run.
/// </summary>
internal sealed class FunctionsHost : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);
    private const string JobHostStarted = "Job host started";
    private const string StartupError = "A host error has occurred during startup";
    private static int instances;

    private readonly HostCommand command;
    private readonly string root;
    private readonly string appDir;
    private readonly string settingsFile;
    private HostProcess? process;

    private FunctionsHost(HostCommand command, HostSettings settings)
    {
        this.command = command;
        Settings = settings;
        Name = $"{settings.TaskHub}-{Interlocked.Increment(ref instances)}";
        root = Directory.CreateTempSubdirectory($"fseq-host-{Name}-").FullName;
        appDir = Path.Combine(root, "app");
        AppBuild.CopyTo(appDir);
        SetLogLevels(Path.Combine(appDir, "host.json"), settings.HostJsonLogLevels);
        if (settings.WorkerLogLevels.Count > 0)
        {
            File.WriteAllText(Path.Combine(appDir, "appsettings.json"), JsonSerializer.Serialize(new { Logging = new { LogLevel = settings.WorkerLogLevels } }));
        }

        // Core Tools reads local.settings.json from the app folder; the start script is told where it is.
        settingsFile = Path.Combine(appDir, "local.settings.json");
        File.WriteAllText(settingsFile, JsonSerializer.Serialize(new { IsEncrypted = false, Values = settings.Values() }));
        Port = LoopbackPort.Next();
        Key = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}");
        Http = NewClient(withKey: true);
    }

    private static void SetLogLevels(string hostJson, IReadOnlyDictionary<string, string> levels)
    {
        if (levels.Count == 0)
        {
            return;
        }

        JsonNode host = JsonNode.Parse(File.ReadAllText(hostJson))!;
        JsonObject logLevel = host["logging"]!["logLevel"]!.AsObject();
        foreach ((string category, string level) in levels)
        {
            logLevel[category] = level;
        }

        File.WriteAllText(hostJson, host.ToJsonString());
    }

    /// <summary>Task hub and instance number: names the log file.</summary>
    public string Name { get; }

    public HostSettings Settings { get; }

    public int Port { get; }

    /// <summary>The function key of every <c>authLevel: function</c> route.</summary>
    public string Key { get; }

    public Uri BaseAddress { get; }

    /// <summary>A client that sends the key in <c>x-functions-key</c>.</summary>
    public HttpClient Http { get; }

    public HostLog Log { get; } = new();

    public bool EnforcesKeys => command.EnforcesKeys;

    /// <summary>Starts a host and waits until it answers <c>/admin/host/ping</c> and has logged that its job host started.</summary>
    public static async Task<FunctionsHost> StartAsync(HostCommand command, HostSettings settings)
    {
        var host = new FunctionsHost(command, settings);
        try
        {
            await host.StartProcessAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts a host whose app is meant not to start, waits until its log has a line with
    /// <paramref name="expected"/> and a moment for the rest of the worker's output, then stops it.
    /// </summary>
    public static async Task<HostLog> StartRefusedAsync(HostCommand command, HostSettings settings, string expected)
    {
        await using var host = new FunctionsHost(command, settings);
        await host.LaunchAsync();
        await host.Log.WaitForLineAsync(expected, StartTimeout);
        await Task.Delay(TimeSpan.FromSeconds(2));
        return host.Log;
    }

    public HttpClient NewClient(bool withKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
        if (withKey)
        {
            client.DefaultRequestHeaders.Add("x-functions-key", Key);
        }

        return client;
    }

    /// <summary>
    /// The key Event Grid calls the host's Event Grid webhook with (the <c>eventgrid_extension</c>
    /// system key, which the host makes at start), read through the admin API with the master key
    /// the host keeps in its secrets; empty for Core Tools, which checks no keys.
    /// </summary>
    public async Task<string> EventGridKeyAsync()
    {
        if (!EnforcesKeys)
        {
            return string.Empty;
        }

        using HttpClient admin = AdminClient();
        using JsonDocument key = JsonDocument.Parse(await admin.GetStringAsync("/admin/host/systemkeys/eventgrid_extension"));
        return key.RootElement.GetProperty("value").GetString()!;
    }

    /// <summary>
    /// Runs a function that is not HTTP-triggered (a timer) now, through the admin API, as the portal's
    /// "Test/Run" does; the host answers 202 and runs it in the background.
    /// </summary>
    public async Task RunNowAsync(string function)
    {
        using HttpClient admin = AdminClient();
        using HttpResponseMessage response = await admin.PostAsync($"/admin/functions/{function}", new StringContent("""{"input":""}""", System.Text.Encoding.UTF8, "application/json"));
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"running {function} through the admin API answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>A client with the master key the host keeps in its secrets (none for Core Tools, which checks no keys).</summary>
    private HttpClient AdminClient()
    {
        HttpClient admin = NewClient(withKey: false);
        if (EnforcesKeys)
        {
            using JsonDocument secrets = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "secrets", "host.json")).TrimStart('\uFEFF'));
            admin.DefaultRequestHeaders.Add("x-functions-key", secrets.RootElement.GetProperty("masterKey").GetProperty("value").GetString());
        }

        return admin;
    }

    /// <summary>Where Event Grid delivers to Trigger <paramref name="trigger"/>'s function, with its key.</summary>
    public async Task<Uri> EventGridWebhookAsync(string trigger) =>
        new(BaseAddress, $"/runtime/webhooks/eventgrid?functionName=trigger-{trigger}&code={Uri.EscapeDataString(await EventGridKeyAsync())}");

    /// <summary>Stops gracefully (SIGTERM, then SIGKILL after 5 s); starts again on the same task hub, port and key.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartProcessAsync();
    }

    /// <summary>SIGTERM to the host's process group, SIGKILL after 5 s.</summary>
    public async Task StopAsync()
    {
        if (process is { } running)
        {
            process = null;
            await running.StopAsync(StopGrace);
        }
    }

    /// <summary>SIGKILL to the host's process group, host and worker at once, as a crash.</summary>
    public async Task KillAsync()
    {
        if (process is { } running)
        {
            process = null;
            await running.KillAsync();
        }
    }

    /// <summary>Starts the stopped or killed host again, on the same task hub, port and key.</summary>
    public Task StartAgainAsync() => process is null ? StartProcessAsync() : throw new InvalidOperationException("the host is running");

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Http.Dispose();
        Log.SaveTo(Path.Combine(AppContext.BaseDirectory, "host-logs", Name + ".log"));
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A file the dead worker still held: the temp folder is cleaned some other time.
        }
    }

    private async Task StartProcessAsync()
    {
        int started = Log.Lines(JobHostStarted).Count, errors = Log.Lines(StartupError).Count;
        await LaunchAsync();
        DateTime deadline = DateTime.UtcNow + StartTimeout;
        await WaitForPingAsync(deadline);
        // The host answers ping also when its job host failed to start (bad settings): wait for this run's start.
        while (Log.Lines(JobHostStarted).Count <= started)
        {
            if (Log.Lines(StartupError).Count > errors || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The Functions host answers ping but its job host did not start.\n{Log.Tail(120)}");
            }

            await Task.Delay(100);
        }
    }

    private async Task LaunchAsync()
    {
        string secrets = Path.Combine(root, "secrets");
        process = await HostProcess.StartAsync(
            command.FileName,
            command.Arguments(appDir, Port, Key, settingsFile, secrets),
            command.IsCoreTools ? appDir : root,
            ProcessEnvironment(),
            Log);
    }

    /// <summary>
    /// The app settings, and this instance's own Durable worker id, as Azure gives each instance one
    /// (the extension takes <c>WEBSITE_CURRENT_STAMPNAME:RoleInstanceId</c>). Left to its default, the
    /// machine's name, two hosts here would share one, and each would take every control queue as its own.
    /// </summary>
    private Dictionary<string, string> ProcessEnvironment() => new(Settings.Values())
    {
        ["WEBSITE_CURRENT_STAMPNAME"] = "local",
        ["RoleInstanceId"] = Name,
    };

    private async Task WaitForPingAsync(DateTime deadline)
    {
        using var ping = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (process!.HasExited)
            {
                await process.WaitForExitAsync();
                throw new InvalidOperationException($"The Functions host ({command.FileName}) exited before it answered /admin/host/ping.\n{Log.Tail(120)}");
            }

            try
            {
                using HttpResponseMessage response = await ping.GetAsync("/admin/host/ping");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The Functions host did not answer /admin/host/ping within {StartTimeout.TotalSeconds:0} s.\n{Log.Tail(120)}");
            }

            await Task.Delay(250);
        }
    }
}
