using FunctionsSequence.Cli.Runtime;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// The local runtime in memory keeps only the newest finished runs (<c>--keep-runs</c>), so its
/// memory follows the work in flight and what inspection reads, not every event ever seen.
/// </summary>
public sealed class PurgeTests
{
    private sealed class NoDisplay : IEventDisplaySink
    {
        public int Count;

        public void Write(string block) => Interlocked.Increment(ref Count);
    }

    [Fact]
    public async Task Finished_instances_beyond_the_newest_few_are_purged()
    {
        ManifestSet manifests = new ManifestLoader().Load([Path.Combine(FseqProcess.RepoRoot, "samples", "2-reply-display")]).EnsureValid();
        var display = new NoDisplay();
        var options = new RuntimeOptions { Paths = [], Port = 0, Once = true, KeepRuns = 5 };
        await using LocalRuntimeHost host = await LocalRuntimeHost.StartAsync(options, manifests, s => s.AddSingleton<IEventDisplaySink>(display), LogLevel.None, default);
        DurableTaskClient client = host.Services.GetRequiredService<DurableTaskClient>();
        EventRouter router = host.Services.GetRequiredService<EventRouter>();

        var instances = new List<string>();
        for (int i = 0; i < 20; i++)
        {
            var cloudEvent = new CloudNative.CloudEvents.CloudEvent
            {
                Id = $"purge-{i}",
                Source = new Uri("/purge-test", UriKind.Relative),
                Type = "t",
                DataContentType = "application/json",
                Data = System.Text.Json.JsonDocument.Parse("""{"message":"x"}""").RootElement.Clone(),
            };
            instances.Add(InstanceIds.For(RunTarget.Sequence("sequence"), cloudEvent, brokerTtl: null));
            await router.StartAsync(client, RunTarget.Sequence("sequence"), [cloudEvent], default);
        }

        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (display.Count < 20 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(20, display.Count);
        int left;
        do
        {
            await Task.Delay(500);
            left = (await Completed(client)).Count;
        }
        while (left > 5 && DateTime.UtcNow < deadline);

        // The five started last stay for inspection, and stay: a purge goes up to the newest run
        // beyond them and includes it.
        Assert.Equal(5, left);
        await Task.Delay(2500);
        Assert.Equal(instances[15..].Order(StringComparer.Ordinal), (await Completed(client)).Order(StringComparer.Ordinal));
    }

    private static async Task<List<string>> Completed(DurableTaskClient client)
    {
        var ids = new List<string>();
        await foreach (OrchestrationMetadata instance in client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed] }))
        {
            ids.Add(instance.InstanceId);
        }

        return ids;
    }
}
