using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace FunctionsSequence.Benchmarks;

/// <summary>
/// The HTTP load generator in a process of its own (this program with <c>--send-to</c>), so that
/// a row's process CPU time is the runtime's alone, not its client's as well. The child sends the
/// warm-up events, says <c>warm</c>, waits for <c>go</c> on its input, sends the measured events
/// as <see cref="LoadShape"/> does, then writes each one's send time, one line each in order. Send
/// times are <see cref="Stopwatch"/> timestamps: the monotonic clock on Linux, the same in every
/// process, so the parent takes latencies from them.
/// </summary>
internal sealed class LoadProcess : IDisposable
{
    private const string Flag = "--send-to";
    private readonly Process child;
    private readonly int events;

    private LoadProcess(Process child, int events)
    {
        this.child = child;
        this.events = events;
    }

    /// <summary>Whether this process was started as a load generator.</summary>
    public static bool IsChild(string[] args) => args.Contains(Flag);

    /// <summary>Starts a child that will send <paramref name="events"/> binary-mode events to <paramref name="route"/>; returns once it has sent its warm-up.</summary>
    public static async Task<LoadProcess> StartAsync(Uri address, string route, int events, double? offeredPerSecond)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { typeof(LoadProcess).Assembly.Location, Flag, new Uri(address, route).ToString(), events.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        if (offeredPerSecond is { } rate)
        {
            start.ArgumentList.Add(rate.ToString(CultureInfo.InvariantCulture));
        }

        var child = Process.Start(start) ?? throw new InvalidOperationException("the load generator did not start");
        var load = new LoadProcess(child, events);
        try
        {
            using var warmUp = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await load.ExpectAsync("warm", warmUp.Token);
            return load;
        }
        catch
        {
            load.Dispose();
            throw;
        }
    }

    /// <summary>Throws when the child ended with a failure (it ends well only after its report is read).</summary>
    public void ThrowIfFailed()
    {
        if (child.HasExited && child.ExitCode != 0)
        {
            throw new InvalidOperationException($"the load generator failed (exit code {child.ExitCode})");
        }
    }

    /// <summary>Lets the child send the measured events.</summary>
    public async Task GoAsync()
    {
        await child.StandardInput.WriteLineAsync("go");
        await child.StandardInput.FlushAsync();
    }

    /// <summary>Waits for the child to end; when each event was sent.</summary>
    public async Task<long[]> FinishAsync()
    {
        long[] sentAt = new long[events];
        for (int i = 0; i < events; i++)
        {
            sentAt[i] = long.Parse(await ExpectAsync(null, CancellationToken.None), CultureInfo.InvariantCulture);
        }

        await child.WaitForExitAsync();
        return sentAt;
    }

    public void Dispose()
    {
        if (!child.HasExited)
        {
            child.Kill();
        }

        child.Dispose();
    }

    /// <summary>The child's side: <c>--send-to URL EVENTS [RATE]</c>.</summary>
    public static async Task RunChildAsync(string[] args)
    {
        string[] rest = args.SkipWhile(a => a != Flag).Skip(1).ToArray();
        var url = new Uri(rest[0]);
        int events = int.Parse(rest[1], CultureInfo.InvariantCulture);
        double? rate = rest.Length > 2 ? double.Parse(rest[2], CultureInfo.InvariantCulture) : null;
        using var http = new HttpClient();
        Task Send(string id) => CloudEventRequests.SendBinaryAsync(http, url.ToString(), id);

        await LoadShape.WarmUpAsync(Send);
        Console.WriteLine("warm");
        if (Console.ReadLine() != "go")
        {
            return;
        }

        long[] sentAt = new long[events];
        await LoadShape.DriveAsync(events, rate, sentAt, i => Send($"e-{i}"));
        var output = new StringBuilder();
        foreach (long at in sentAt)
        {
            output.Append(CultureInfo.InvariantCulture, $"{at}\n");
        }

        Console.Write(output);
    }

    private async Task<string> ExpectAsync(string? line, CancellationToken cancellationToken)
    {
        string read = await child.StandardOutput.ReadLineAsync(cancellationToken) ?? throw new InvalidOperationException($"the load generator ended early (exit code {(child.HasExited ? child.ExitCode : -1)})");
        return line is null || read == line ? read : throw new InvalidOperationException($"the load generator said '{read}', not '{line}'");
    }
}
