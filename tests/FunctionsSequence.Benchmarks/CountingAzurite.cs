using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using FunctionsSequence.HostTests.Hosting;

namespace FunctionsSequence.Benchmarks;

/// <summary>
/// An Azurite of the benchmark's own, so that its request log counts only the measured rows'
/// storage transactions (other processes on the machine use the shared one on the default ports):
/// free ports, an account whose key is made at start, in-memory storage, and the debug log, which
/// names every request's service, operation and resource.
/// </summary>
internal sealed partial class CountingAzurite : IAsyncDisposable
{
    private const string Account = "benchacct";
    private readonly Process process;
    private readonly string folder;
    private long readTo;

    private CountingAzurite(Process process, string folder, string connectionString)
    {
        this.process = process;
        this.folder = folder;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    private string LogFile => Path.Combine(folder, "debug.log");

    /// <summary>
    /// Starts Azurite from the repository's <c>.tools/azurite</c> (bench.sh installs it) and waits
    /// until it listens; with <paramref name="countRequests"/> it writes its debug log, which
    /// slows it down several times (about 27 lines per request), so rows that time the apps run
    /// on one without.
    /// </summary>
    public static async Task<CountingAzurite> StartAsync(bool countRequests)
    {
        string azurite = Path.Combine(Tests.Shared.RepoRoot.Path, ".tools", "azurite", "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new FileNotFoundException("Azurite is not installed in .tools/azurite: run ./bench.sh, which installs it", azurite);
        }

        string folder = Directory.CreateTempSubdirectory("fseq-bench-azurite-").FullName;
        string key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        int[] ports = [LoopbackPort.Next(), LoopbackPort.Next(), LoopbackPort.Next()];
        var info = new ProcessStartInfo(azurite)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            "--silent", "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", Inv(ports[0]), "--queuePort", Inv(ports[1]), "--tablePort", Inv(ports[2]),
        }.Concat(countRequests ? ["--debug", Path.Combine(folder, "debug.log")] : []))
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["AZURITE_ACCOUNTS"] = $"{Account}:{key}";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string connection = $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={key};" +
            $"BlobEndpoint=http://127.0.0.1:{Inv(ports[0])}/{Account};QueueEndpoint=http://127.0.0.1:{Inv(ports[1])}/{Account};TableEndpoint=http://127.0.0.1:{Inv(ports[2])}/{Account};";
        var started = new CountingAzurite(process, folder, connection);
        var deadline = Stopwatch.StartNew();
        while (!ports.All(Listens))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                await started.DisposeAsync();
                throw new InvalidOperationException("the benchmark's own Azurite did not start");
            }

            await Task.Delay(100);
        }

        return started;
    }

    /// <summary>
    /// Requests Azurite took from <paramref name="from"/> to <paramref name="to"/> (UTC), by the
    /// time it logged each: the total under "", and by operation and resource (e.g.
    /// <c>Messages_Dequeue {hub}-control-00</c>), with <paramref name="taskHub"/> written as <c>{hub}</c>.
    /// Azurite writes its log behind: this waits until it has logged past <paramref name="to"/>.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> CountAsync(DateTime from, DateTime to, string taskHub)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal) { [""] = 0 };
        var resources = new Dictionary<string, string>(StringComparer.Ordinal);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(readTo, SeekOrigin.Begin);
            byte[] bytes = new byte[stream.Length - readTo];
            stream.ReadExactly(bytes);
            // A line cut at the end of what is written so far, or logged after to, is read next time.
            int end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
            bool past = false;
            int offset = 0;
            foreach (string line in System.Text.Encoding.ASCII.GetString(bytes, 0, end).Split('\n'))
            {
                DateTime at = default;
                bool stamped = line.Length >= 24 && DateTime.TryParse(line.AsSpan(0, 24), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out at);
                if (stamped && at > to)
                {
                    past = true;
                    break;
                }

                offset += line.Length + 1;
                if (!stamped || at < from)
                {
                    continue;
                }

                if (ResourceLine().Match(line) is { Success: true } resource)
                {
                    resources[resource.Groups[1].Value] = resource.Groups[2].Value.Replace(taskHub, "{hub}", StringComparison.OrdinalIgnoreCase);
                }
                else if (OperationLine().Match(line) is { Success: true } operation)
                {
                    string key = operation.Groups[2].Value + " " + (resources.Remove(operation.Groups[1].Value, out string? name) ? name : "?");
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                    counts[""]++;
                }
            }

            readTo += Math.Min(offset, end);
            if (past || waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                return counts;
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // left for the temp folder's cleaning
        }
    }

    private static string Inv(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool Listens(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // Every request Azurite takes logs its resource (queue, table or container), then its operation, under its request id.
    [GeneratedRegex(@"^\S+ (\S+) info: \w*StorageContextMiddleware: Account=\S+ (?:Queue|tableName|Container)=(\S+)")]
    private static partial Regex ResourceLine();

    [GeneratedRegex(@"^\S+ (\S+) info: DispatchMiddleware: Operation=(\S+)")]
    private static partial Regex OperationLine();
}
