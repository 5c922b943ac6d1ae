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

/// <summary>The local runtime forgets finished runs, so its memory follows the work in flight, not every event ever seen.</summary>
public sealed class PurgeTests
{
    private sealed class NoDisplay : IEventDisplaySink
    {
        public int Count;

        public void Write(string block) => Interlocked.Increment(ref Count);
    }

    [Fact]
    public async Task Finished_instances_are_purged_after_a_few_seconds()
    {
        ManifestSet manifests = new ManifestLoader().Load([Path.Combine(FseqProcess.RepoRoot, "samples", "2-reply-display")]).EnsureValid();
        var display = new NoDisplay();
        var options = new RuntimeOptions { Paths = [], Port = 0, Once = true };
        await using LocalRuntimeHost host = await LocalRuntimeHost.StartAsync(options, manifests, s => s.AddSingleton<IEventDisplaySink>(display), LogLevel.None, default);
        DurableTaskClient client = host.Services.GetRequiredService<DurableTaskClient>();
        EventRouter router = host.Services.GetRequiredService<EventRouter>();

        for (int i = 0; i < 20; i++)
        {
            await router.StartAsync(client, RunTarget.Sequence("sequence"), [new CloudNative.CloudEvents.CloudEvent
            {
                Id = $"purge-{i}",
                Source = new Uri("/purge-test", UriKind.Relative),
                Type = "t",
                DataContentType = "application/json",
                Data = System.Text.Json.JsonDocument.Parse("""{"message":"x"}""").RootElement.Clone(),
            }], default);
        }

        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (display.Count < 20 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(20, display.Count);
        Assert.NotEmpty(await Completed(client)); // kept a while, for duplicates to be recognised
        int left;
        do
        {
            await Task.Delay(500);
            left = (await Completed(client)).Count;
        }
        while (left > 0 && DateTime.UtcNow < deadline);

        Assert.Equal(0, left);
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
