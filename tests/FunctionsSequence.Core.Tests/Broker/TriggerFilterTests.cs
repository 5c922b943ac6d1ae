using CloudNative.CloudEvents;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.DeadLetters;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Tests.DeadLetters;
using FunctionsSequence.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSequence.Core.Tests.Broker;

/// <summary>
/// A Trigger's filter sees the event as its subscriber does, without the hop counter: Knative's filter handler
/// deletes <c>knativebrokerttl</c> before filtering. So a filter naming it matches as if it were absent, on
/// every way into a Trigger: a Broker routed in process, Event Grid's delivery, a redrive of a dead letter.
/// </summary>
public sealed class TriggerFilterTests : IAsyncDisposable
{
    private static readonly string Yaml = HiddenCounterManifests.Yaml("{ uri: http://absent.local/ }", "{ uri: http://counter.local/ }");

    private readonly FakeDurableClient client = new();
    private readonly ServiceProvider services = Manifests.Provider(Yaml);

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await client.DisposeAsync();
    }

    [Fact]
    public async Task A_broker_routes_an_event_by_a_filter_that_does_not_see_its_counter()
    {
        CloudEvent cloudEvent = Events.Json("""{"message":"hi"}""");
        BrokerTtl.Set(cloudEvent, 255);

        await services.GetRequiredService<Brokers>().PublishAsync(client, "default", [new RoutedEvent(cloudEvent)], EventOrigin.Outside, CancellationToken.None);

        (RunEvent delivered, string trigger) = Delivered();
        Assert.Equal("counter-hidden", trigger);
        Assert.Equal(254, delivered.BrokerTtl); // came with 255, entered with one less: what counter-seen would match if it saw it
        Assert.DoesNotContain(BrokerTtl.Extension, delivered.Event.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_grids_delivery_checks_the_filter_on_the_event_without_its_counter()
    {
        CloudEvent cloudEvent = Events.Json("""{"message":"hi"}""");
        BrokerTtl.Set(cloudEvent, 254);

        int matched = await services.GetRequiredService<TriggerAdmission>().DeliverAsync(client, "counter-seen", [cloudEvent], CancellationToken.None);
        int absent = await services.GetRequiredService<TriggerAdmission>().DeliverAsync(client, "counter-hidden", [cloudEvent], CancellationToken.None);

        Assert.Equal((0, 1), (matched, absent));
        Assert.Equal((254, "counter-hidden"), (Delivered().Event.BrokerTtl, Delivered().Trigger));
        Assert.Equal(254, BrokerTtl.Get(cloudEvent)); // the event given keeps its counter
    }

    [Fact]
    public async Task A_redrive_to_a_trigger_checks_its_filter_on_the_event_without_its_counter()
    {
        var store = services.GetRequiredService<IDeadLetterStore>();
        DeadLetterRecord record = DeadLetterStoreContract.Record(Hop.Subscriber("counter-hidden"), "ttl-7", DateTimeOffset.UtcNow) with
        {
            Event = """{"specversion":"1.0","id":"ttl-7","source":"/test","type":"t","knativebrokerttl":7}""",
        };
        await store.RecordAsync(record, default);

        RedriveAudit audit = await services.GetRequiredService<DeadLetterRedrive>().RedriveAsync(client, record.Id, default);

        Assert.Equal(RedriveOutcome.Started, audit.Outcome);
        Assert.Equal(7, Delivered().Event.BrokerTtl);
    }

    private (RunEvent Event, string Trigger) Delivered()
    {
        var run = Assert.IsType<TriggerRun>(Assert.Single(client.Scheduled).Input);
        return (Assert.Single(run.Events), run.Trigger);
    }
}
