using System.Collections.Concurrent;
using FunctionsSequence.HostTests.Hosting;

namespace FunctionsSequence.Benchmarks;

/// <summary>
/// Instances of the Functions app on the real host on one task hub, as Azure runs an app scaled
/// out: requests go to each in turn, as a load balancer would spread them, and an event counts as
/// displayed when any of them prints it. A run often ends on an instance other than the one that
/// started it, which is what this target is for (docs/performance.md, "Fifth pass").
/// </summary>
internal sealed class ScaleOutTarget : ILoadTarget
{
    private readonly FunctionsHostTarget[] instances;

    private ScaleOutTarget(FunctionsHostTarget[] instances, ConcurrentDictionary<string, long> displayed)
    {
        this.instances = instances;
        Displayed = displayed;
        Http = new HttpClient(new RoundRobin([.. instances.Select(i => i.Host)]))
        {
            BaseAddress = instances[0].Host.BaseAddress,
            Timeout = TimeSpan.FromSeconds(100),
        };
    }

    public string Name => $"Functions host x{instances.Length}"; // fits the table's name column

    public string TaskHub => instances[0].TaskHub;

    public HttpClient Http { get; }

    public ConcurrentDictionary<string, long> Displayed { get; }

    public static async Task<ScaleOutTarget> StartAsync(HostCommand command, string manifests, string storage, string taskHub, int count)
    {
        var displayed = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var started = new List<FunctionsHostTarget>(count);
        try
        {
            for (int i = 0; i < count; i++)
            {
                started.Add(await FunctionsHostTarget.StartAsync(command, manifests, storage, taskHub, displayed));
            }

            if (count > 1)
            {
                // Measured once the instances share the control queues, as Azure spreads them.
                await TaskHubPartitions.SplitAsync(taskHub, count, TimeSpan.FromSeconds(90), storage);
            }
        }
        catch
        {
            foreach (FunctionsHostTarget instance in started)
            {
                await instance.DisposeAsync();
            }

            throw;
        }

        return new ScaleOutTarget([.. started], displayed);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        foreach (FunctionsHostTarget instance in instances)
        {
            await instance.DisposeAsync();
        }
    }

    /// <summary>Sends each request to the next instance, with that instance's function key.</summary>
    private sealed class RoundRobin(FunctionsHost[] hosts) : DelegatingHandler(new SocketsHttpHandler())
    {
        private int next = -1;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            FunctionsHost host = hosts[(int)((uint)Interlocked.Increment(ref next) % (uint)hosts.Length)];
            request.RequestUri = new Uri(host.BaseAddress, request.RequestUri!.PathAndQuery);
            request.Headers.Remove("x-functions-key");
            request.Headers.Add("x-functions-key", host.Key);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
