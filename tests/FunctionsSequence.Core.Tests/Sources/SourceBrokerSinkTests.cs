using CloudNative.CloudEvents;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Sources;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSequence.Core.Tests.Sources;

/// <summary>A PingSource whose sink is a Broker: each try of a tick enters it as the tick it is, with the hop counter a new event gets.</summary>
public sealed class SourceBrokerSinkTests
{
    private const string Yaml = """
        apiVersion: eventing.knative.dev/v1
        kind: Broker
        metadata: { name: default }
        ---
        apiVersion: sources.knative.dev/v1
        kind: PingSource
        metadata: { name: every-minute }
        spec:
          schedule: "* * * * *"
          sink: { ref: { apiVersion: eventing.knative.dev/v1, kind: Broker, name: default } }
        """;

    [Fact]
    public async Task A_tick_sent_again_enters_the_broker_with_the_same_hop_counter_as_its_first_try()
    {
        var publisher = new FlakyPublisher();
        using ServiceProvider services = Manifests.Provider(Yaml, s => s.AddSingleton<IBrokerPublisher>(publisher));
        PingSourceResource source = Assert.Single(services.GetRequiredService<ManifestSet>().Sources);

        bool fired = await services.GetRequiredService<SourceFirer>().FireAsync(client: null!, source, new DateTimeOffset(2026, 12, 6, 18, 0, 0, TimeSpan.Zero), CancellationToken.None);

        Assert.True(fired);
        Assert.Equal([BrokerTtl.Default, BrokerTtl.Default], publisher.Counters);
    }

    /// <summary>Fails the first publish, as a topic out of reach for a moment; records each try's hop counter.</summary>
    private sealed class FlakyPublisher : IBrokerPublisher
    {
        public List<int?> Counters { get; } = [];

        public Task PublishAsync(DurableTaskClient client, string broker, IReadOnlyList<CloudEvent> events, EventOrigin origin, CancellationToken cancellationToken)
        {
            Counters.Add(BrokerTtl.Get(Assert.Single(events)));
            return Counters.Count == 1 ? Task.FromException(new InvalidOperationException("topic out of reach")) : Task.CompletedTask;
        }
    }
}
