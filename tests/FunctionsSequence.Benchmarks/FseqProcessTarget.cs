using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using FunctionsSequence.HostTests.Hosting;

namespace FunctionsSequence.Benchmarks;

/// <summary>
/// <c>fseq run MANIFESTS --store CONNECTION --task-hub HUB</c> as a user runs it: a process of its own that prints
/// event-display's blocks and its log lines, read by the benchmark as the host's are (<see cref="HostLog"/>);
/// an event counts as displayed when its block's id line is printed. Tiering off, as the host gets it.
/// </summary>
internal sealed class FseqProcessTarget : ILoadTarget
{
    // A display block's id line as fseq prints it.
    private const string IdLine = "  id: ";

    private readonly HostProcess process;

    private FseqProcessTarget(HostProcess process, HostLog log, Uri address, string taskHub)
    {
        this.process = process;
        TaskHub = taskHub;
        Http = new HttpClient { BaseAddress = address };
        log.LineAdded = line =>
        {
            if (line.StartsWith(IdLine, StringComparison.Ordinal))
            {
                Displayed.TryAdd(line[IdLine.Length..], Stopwatch.GetTimestamp());
            }
        };
    }

    public string Name => "fseq process";

    public string TaskHub { get; }

    public HttpClient Http { get; }

    public ConcurrentDictionary<string, long> Displayed { get; } = new(StringComparer.Ordinal);

    public static async Task<FseqProcessTarget> StartAsync(string manifests, string storage, string taskHub)
    {
        int port = LoopbackPort.Next();
        string dll = Path.Combine(AppContext.BaseDirectory, "fseq.dll");
        string[] arguments =
        [
            dll, "run", manifests, "--port", port.ToString(CultureInfo.InvariantCulture), "--store", storage, "--task-hub", taskHub,
            "--batch-wait", ((int)HostComparison.BatchWait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        ];
        var log = new HostLog();
        var address = new Uri($"http://127.0.0.1:{port}/");
        HostProcess process = await HostProcess.StartAsync("dotnet", arguments, Tests.Shared.RepoRoot.Path, new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "0" }, log);
        var target = new FseqProcessTarget(process, log, address, taskHub);
        await target.WaitUntilListeningAsync(log);
        return target;
    }

    private async Task WaitUntilListeningAsync(HostLog log)
    {
        for (DateTime until = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < until && !process.HasExited; await Task.Delay(100))
        {
            try
            {
                using HttpResponseMessage response = await Http.GetAsync("/api/sequences/sequence");
                return; // any answer: it listens (a GET there is 405)
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
        }

        throw new InvalidOperationException($"fseq did not start listening:\n{log.Text}");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await process.StopAsync(TimeSpan.FromSeconds(10));
    }
}
