using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using FunctionsSequence.HostTests.Hosting;

namespace FunctionsSequence.Benchmarks;

/// <summary>
/// The Functions app (its Release build) on the real Functions host, through the host tests' own
/// fixture, on the benchmark's Azurite; an event counts as displayed when the host prints its
/// event-display block's id line.
/// </summary>
internal sealed class FunctionsHostTarget : ILoadTarget
{
    // A display block's lines as the host prints them: each indented by six spaces.
    private const string IdLine = "        id: ";

    private FunctionsHostTarget(FunctionsHost host, ConcurrentDictionary<string, long>? displayed)
    {
        Host = host;
        Displayed = displayed ?? new(StringComparer.Ordinal);
        host.Log.LineAdded = line =>
        {
            if (line.StartsWith(IdLine, StringComparison.Ordinal))
            {
                Displayed.TryAdd(line[IdLine.Length..], Stopwatch.GetTimestamp());
            }
        };
    }

    public string Name => "Functions host";

    public string TaskHub => Host.Settings.TaskHub;

    public HttpClient Http => Host.Http;

    public ConcurrentDictionary<string, long> Displayed { get; }

    /// <summary>The host process it runs on.</summary>
    public FunctionsHost Host { get; }

    /// <summary>Null when this machine has no Functions host (see the host tests' HostCommand).</summary>
    public static HostCommand? Command => HostCommand.Find();

    /// <summary>Starts the app on a host; <paramref name="displayed"/> is shared by the instances of one app, when given.</summary>
    public static async Task<FunctionsHostTarget> StartAsync(HostCommand command, string manifests, string storage, string taskHub, ConcurrentDictionary<string, long>? displayed = null)
    {
        var settings = new HostSettings(taskHub, manifests)
        {
            Extra = new Dictionary<string, string>
            {
                ["AzureWebJobsStorage"] = storage,
                // As the benchmark's own process, where fseq runs (its project file says why): a row
                // lasts seconds, and with tiering the worker's first thousands of events run
                // unoptimized code and recompile it, which fseq's rows would not pay.
                ["DOTNET_TieredCompilation"] = "0",
                ["FunctionsSequence__Batching__MaxWaitMilliseconds"] = ((int)HostComparison.BatchWait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            },
        };
        return new FunctionsHostTarget(await FunctionsHost.StartAsync(command, settings), displayed);
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
