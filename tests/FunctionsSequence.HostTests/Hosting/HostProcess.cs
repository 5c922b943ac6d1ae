using System.Diagnostics;
using System.Text;

namespace FunctionsSequence.HostTests.Hosting;

/// <summary>
/// One run of a host: a process started through <c>setsid</c>, so that it leads a process group of
/// its own that holds the worker it starts too; the group is signalled as one (a hard kill takes
/// the worker down with the host, as a crashed machine would).
/// </summary>
internal sealed class HostProcess
{
    private readonly Process process;
    private readonly HostLog log;
    private bool ownGroup;

    private HostProcess(Process process, HostLog log)
    {
        this.process = process;
        this.log = log;
    }

    public bool HasExited => process.HasExited;

    public static async Task<HostProcess> StartAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment, HostLog log)
    {
        string? setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);
        var info = new ProcessStartInfo(setsid ?? fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        if (setsid is not null)
        {
            info.ArgumentList.Add(fileName);
        }

        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Set here, so they win over the test run's own environment and over local.settings.json.
        foreach ((string name, string value) in environment)
        {
            info.Environment[name] = value;
        }

        info.Environment.Remove("CONTAINER_NAME"); // makes a host wait for a container assignment
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                log.Add(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                log.AddError(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var run = new HostProcess(process, log);
        if (setsid is not null)
        {
            // setsid makes the new session (and group) before it runs the host: a moment after start.
            DateTime until = DateTime.UtcNow.AddSeconds(5);
            while (!(run.ownGroup = ProcessGroup(process.Id) == process.Id) && !process.HasExited && DateTime.UtcNow < until)
            {
                await Task.Delay(10);
            }
        }

        return run;
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => process.WaitForExitAsync(cancellationToken);

    /// <summary>SIGTERM to the group, then SIGKILL after <paramref name="grace"/> if it still runs.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!process.HasExited)
        {
            Signal(NativeMethods.SIGTERM);
            using var timeout = new CancellationTokenSource(grace);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Too slow: as the start script says, follow with SIGKILL.
            }
        }

        await KillAsync("stopped");
    }

    /// <summary>SIGKILL to the whole group (a crash: nothing is flushed, nothing is handed over), then waits for its output to be read.</summary>
    public async Task KillAsync(string what = "killed")
    {
        Signal(NativeMethods.SIGKILL); // also after a graceful exit: a worker left behind goes too
        await process.WaitForExitAsync();
        process.WaitForExit(); // flushes the redirected streams
        log.EndRun($"host process {process.Id} {what}, exit code {process.ExitCode}");
        process.Dispose();
    }

    private void Signal(int signal)
    {
        if (ownGroup)
        {
            _ = NativeMethods.kill(-process.Id, signal); // fails only when the group is gone already
        }
        else if (!process.HasExited)
        {
            if (signal == NativeMethods.SIGKILL)
            {
                process.Kill(entireProcessTree: true);
            }
            else
            {
                _ = NativeMethods.kill(process.Id, signal);
            }
        }
    }

    /// <summary>The process group of a process (field 5 of /proc/PID/stat, after the command in parentheses).</summary>
    private static int ProcessGroup(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }
}
