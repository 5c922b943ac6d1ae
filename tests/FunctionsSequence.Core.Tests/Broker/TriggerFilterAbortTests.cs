using CloudNative.CloudEvents;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Broker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Tests.Broker;

/// <summary>
/// A Trigger whose cesql value is not a Boolean: the event is not delivered, whatever <c>not</c> is around it, and a
/// warning names the Trigger and the event, on both ways into a Trigger (a Broker routed in process, Event Grid's delivery).
/// </summary>
public sealed class TriggerFilterAbortTests : IAsyncDisposable
{
    private const string Yaml = """
        apiVersion: eventing.knative.dev/v1
        kind: Broker
        metadata:
          name: default
        ---
        apiVersion: eventing.knative.dev/v1
        kind: Trigger
        metadata:
          name: not-a-condition
        spec:
          broker: default
          filters:
            - not:
                cesql: "type"
          subscriber:
            uri: http://subscriber.local/
        """;

    private readonly LogLines log = new();
    private readonly FakeDurableClient client = new();
    private readonly ServiceProvider services;

    public TriggerFilterAbortTests() =>
        services = Manifests.Provider(Yaml, collection => collection.AddLogging(logging => logging.AddProvider(log)));

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await client.DisposeAsync();
    }

    [Fact]
    public async Task A_broker_delivers_nothing_and_warns()
    {
        await services.GetRequiredService<Brokers>().PublishAsync(client, "default", [new RoutedEvent(Events.Json("{}", id: "abort-1"))], EventOrigin.Outside, CancellationToken.None);

        Assert.Empty(client.Scheduled);
        AssertWarned("abort-1");
    }

    [Fact]
    public async Task Event_grids_delivery_delivers_nothing_and_warns()
    {
        CloudEvent cloudEvent = Events.Json("{}", id: "abort-2");

        Assert.Equal(0, await services.GetRequiredService<TriggerAdmission>().DeliverAsync(client, "not-a-condition", [cloudEvent], CancellationToken.None));

        Assert.Empty(client.Scheduled);
        AssertWarned("abort-2");
    }

    private void AssertWarned(string id)
    {
        lock (log.Lines)
        {
            (LogLevel level, _, string text) = Assert.Single(log.Entries, e => e.EventId == 1205);
            Assert.Equal(LogLevel.Warning, level);
            Assert.StartsWith($"Trigger not-a-condition: event {id} (dev.knative.cronjob.event) is not delivered: a cesql expression of its filter has a value that is not a Boolean", text, StringComparison.Ordinal);
        }
    }
}
