using System.Collections.Concurrent;
using FunctionsSequence.Cli.Engine;
using FunctionsSequence.Cli.Runtime;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Manifests;

namespace FunctionsSequence.Benchmarks;

/// <summary><c>fseq run MANIFESTS --store CONNECTION --task-hub HUB</c>, in this process, with its defaults but the benchmark's <see cref="HostComparison.BatchWait"/>.</summary>
internal sealed class FseqTarget(LocalRuntimeHost host, RecordingDisplaySink sink, string taskHub) : ILoadTarget
{
    public string Name => "fseq";

    public string TaskHub => taskHub;

    public HttpClient Http { get; } = new() { BaseAddress = host.Address };

    public ConcurrentDictionary<string, long> Displayed => sink.Displayed;

    public static async Task<FseqTarget> StartAsync(string manifests, string storage, string taskHub)
    {
        ManifestSet set = new ManifestLoader().Load([Path.GetFullPath(manifests, Tests.Shared.RepoRoot.Path)]).EnsureValid();
        var sink = new RecordingDisplaySink();
        var options = new RuntimeOptions
        {
            Paths = [],
            Port = 0,
            Once = true, // no source scheduler
            Engine = new EngineOptions { StorageConnectionString = storage, TaskHub = taskHub },
            Batching = new BatchingOptions { MaxWait = HostComparison.BatchWait },
        };
        LocalRuntimeHost host = await LocalRuntimeHost.StartAsync(options, set, services => services.AddSingleton<IEventDisplaySink>(sink), LogLevel.None, default);
        return new FseqTarget(host, sink, taskHub);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await host.DisposeAsync();
    }
}
