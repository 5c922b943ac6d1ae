using System.Diagnostics;
using System.Text;

namespace FunctionsSequence.IntegrationTests;

/// <summary>Runs the built <c>fseq</c> as a separate process and collects what it prints.</summary>
internal sealed class FseqProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();
    private readonly Lock gate = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FseqProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => OnLine(e.Data, stdout);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, stderr);
    }

    public static string RepoRoot => global::FunctionsSequence.Tests.Shared.RepoRoot.Path;

    public Uri BaseAddress => listening.Task.Result;

    public int Pid => process.Id;

    /// <summary>The process's peak resident memory so far (Linux VmHWM), in MiB.</summary>
    public double PeakMemoryMiB()
    {
        string line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }

    public string Stdout
    {
        get
        {
            lock (gate)
            {
                return stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (gate)
            {
                return stderr.ToString();
            }
        }
    }

    /// <summary>Starts <c>fseq</c> with the arguments, from the repository root.</summary>
    public static FseqProcess Start(params string[] args) => Start(input: null, args);

    /// <summary>
    /// Starts <c>fseq</c> with the arguments, from the repository root; <paramref name="input"/>, when given, is its whole standard input;
    /// <paramref name="environment"/>, variables set for it.
    /// </summary>
    private static FseqProcess Start(string? input, string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        info.ArgumentList.Add(FseqDll());
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var fseq = new FseqProcess(new Process { StartInfo = info, EnableRaisingEvents = true });
        fseq.process.Start();
        fseq.process.BeginOutputReadLine();
        fseq.process.BeginErrorReadLine();
        if (input is not null)
        {
            fseq.process.StandardInput.Write(input);
            fseq.process.StandardInput.Close();
        }

        return fseq;
    }

    /// <summary>Runs <c>fseq</c> to its end; returns the exit code.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunToEndAsync(TimeSpan timeout, params string[] args) =>
        RunWithInputAsync(timeout, input: null, args);

    /// <summary>Runs <c>fseq</c> to its end with <paramref name="environment"/>'s variables set.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunToEndAsync(TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync(timeout, input: null, args, environment);

    /// <summary>Runs <c>fseq</c> to its end with <paramref name="input"/> as its standard input.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunWithInputAsync(TimeSpan timeout, string? input, params string[] args) =>
        RunAsync(timeout, input, args, environment: null);

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(TimeSpan timeout, string? input, string[] args, IReadOnlyDictionary<string, string>? environment)
    {
        await using FseqProcess fseq = Start(input, args, environment);
        using var cts = new CancellationTokenSource(timeout);
        await fseq.process.WaitForExitAsync(cts.Token);
        fseq.process.WaitForExit(); // flushes the redirected streams
        return (fseq.process.ExitCode, fseq.Stdout, fseq.Stderr);
    }

    public async Task<Uri> WaitUntilListeningAsync()
    {
        Task done = await Task.WhenAny(listening.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        return done == listening.Task
            ? listening.Task.Result
            : throw new InvalidOperationException($"fseq did not start listening.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
    }

    /// <summary>Waits until a display block contains <paramref name="text"/>; returns that block.</summary>
    public async Task<string> WaitForDisplayAsync(string text, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (DisplayBlocks.Parse(Stdout).Any(b => b.Contains(text, StringComparison.Ordinal)))
            {
                // stdout arrives a line at a time: give the rest of the block a moment to follow.
                await Task.Delay(200);
                return DisplayBlocks.Parse(Stdout).First(b => b.Contains(text, StringComparison.Ordinal));
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no display block with '{text}'.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
    }

    /// <summary>Waits until the log (stderr) contains <paramref name="text"/>: its lines come from a queue of their own, so a line can follow the display it preceded.</summary>
    public async Task WaitForLogAsync(string text, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!Stderr.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"no log line with '{text}'.\nstderr:\n{Stderr}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Stops the process as a service manager would (SIGTERM), waits until all it printed has been read; returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        // .NET's Process sends only SIGKILL; kill(1) sends the signal a graceful stop gets.
        using (Process kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>Kills the process hard (as a crash would) and waits until all it printed has been read.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void OnLine(string? line, StringBuilder into)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            into.Append(line).Append('\n');
        }

        if (into == stdout && line.StartsWith("Listening on ", StringComparison.Ordinal))
        {
            listening.TrySetResult(new Uri(line["Listening on ".Length..]));
        }
    }

    private static string FseqDll()
    {
        string dll = Path.Combine(global::FunctionsSequence.Tests.Shared.RepoRoot.BuildOutput("FunctionsSequence.Cli"), "fseq.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the CLI first (dotnet build).", dll);
    }
}
