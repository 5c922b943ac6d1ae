using CloudNative.CloudEvents;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Hosting;
using FunctionsSequence.Core.Manifests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FunctionsSequence.Core.Tests.Broker;

/// <summary>
/// Event Grid's delivery to a Trigger (its function in the app): the Trigger's filter is checked again,
/// and an event published to the topic directly, which arrives with no <c>knativearrivaltime</c>, gets it here.
/// </summary>
public sealed class TriggerAdmissionTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 19, 30, 5, TimeSpan.Zero);

    private readonly FakeDurableClient client = new();
    private readonly LogLines log = new();
    private readonly ServiceProvider services;

    public TriggerAdmissionTests()
    {
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Debug));
        collection.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        collection.AddFunctionsSequence(new ManifestLoader().Load([Manifests.Samples("4-broker-trigger")]).EnsureValid());
        services = collection.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await client.DisposeAsync();
    }

    [Fact]
    public async Task A_matching_event_published_directly_starts_a_delivery_with_its_arrival_and_one_that_arrived_keeps_its_time()
    {
        CloudEvent direct = Events.Json("""{"message":"a"}""", type: "samples.http.mod3", id: "direct");
        CloudEvent arrived = Events.Json("""{"message":"b"}""", type: "samples.http.mod3", id: "arrived");
        BrokerArrival.Stamp(arrived, Now.AddSeconds(-3));
        CloudEvent other = Events.Json("""{"message":"c"}""", type: "dev.knative.cronjob.event", id: "other");

        int matched = await services.GetRequiredService<TriggerAdmission>().DeliverAsync(client, "display-trigger", [direct, arrived, other], CancellationToken.None);

        Assert.Equal(2, matched);
        string[] delivered = [.. client.Scheduled.SelectMany(s => Assert.IsType<TriggerRun>(s.Input).Events).Select(e => e.Event.Json)];
        Assert.Equal(2, delivered.Length);
        Assert.Contains(delivered, e => e.Contains("\"id\":\"direct\"", StringComparison.Ordinal) && e.Contains("\"knativearrivaltime\":\"2026-12-04T19:30:05Z\"", StringComparison.Ordinal));
        Assert.Contains(delivered, e => e.Contains("\"id\":\"arrived\"", StringComparison.Ordinal) && e.Contains("\"knativearrivaltime\":\"2026-12-04T19:30:02Z\"", StringComparison.Ordinal));
        Assert.Equal(
            "Trigger display-trigger: event other (dev.knative.cronjob.event) from Event Grid does not pass its filter",
            Assert.Single(log.Entries, e => e.EventId == 1204).Text); // as the in-process Broker's line says an event matched no Trigger
    }
}
