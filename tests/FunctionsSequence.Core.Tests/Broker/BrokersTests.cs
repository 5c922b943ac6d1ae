using CloudNative.CloudEvents;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Broker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FunctionsSequence.Core.Tests.Broker;

/// <summary>
/// The way into a Broker, as Knative's Broker ingress: every event that goes in gets the arrival time
/// (<c>knativearrivaltime</c>, a reply's replacing the one it had) and its hop counter; a looping one neither.
/// </summary>
public sealed class BrokersTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 12, 4, 19, 30, 5, TimeSpan.Zero).AddTicks(1234567);

    private readonly FakeDurableClient client = new();
    private readonly RecordingPublisher published = new();
    private readonly LogLines log = new();
    private readonly Brokers brokers;

    public BrokersTests()
    {
        var time = new FakeTimeProvider(Now);
        brokers = new Brokers(published, time, new LoggerFactory([log]).CreateLogger<Brokers>());
    }

    public ValueTask DisposeAsync() => client.DisposeAsync();

    [Fact]
    public async Task An_event_from_outside_gets_the_arrival_time_and_the_hop_counter()
    {
        CloudEvent cloudEvent = Events.Json("""{"message":"hi"}""");

        int count = await brokers.PublishAsync(client, "default", [new RoutedEvent(cloudEvent)], EventOrigin.Outside, CancellationToken.None);

        Assert.Equal(1, count);
        CloudEvent sent = Assert.Single(published.Events);
        Assert.Equal("2026-12-04T19:30:05.1234567Z", sent[BrokerArrival.Extension]);
        Assert.Equal(BrokerTtl.Default, BrokerTtl.Get(sent));
    }

    [Fact]
    public async Task A_reply_coming_back_in_gets_a_new_arrival_time_and_one_hop_less()
    {
        CloudEvent reply = Events.Json("""{"message":"hi"}""", id: "reply");
        BrokerArrival.Stamp(reply, Now.AddMinutes(-1));

        await brokers.PublishAsync(client, "default", [new RoutedEvent(reply, BrokerTtl: 200)], EventOrigin.Pipeline, CancellationToken.None);

        CloudEvent sent = Assert.Single(published.Events);
        Assert.Equal("2026-12-04T19:30:05.1234567Z", sent[BrokerArrival.Extension]);
        Assert.Equal(199, BrokerTtl.Get(sent));
    }

    [Theory] // Knative's TTLDefaulter at its broker ingress, for every event that enters
    [InlineData("5", 4)]
    [InlineData("1", null)]
    [InlineData("0", null)]
    [InlineData("not a number", BrokerTtl.Default)]
    public async Task An_event_from_outside_with_a_counter_of_its_own_enters_with_one_less(string own, int? entered)
    {
        CloudEvent cloudEvent = Events.Json("""{"message":"hi"}""", id: "own");
        cloudEvent[BrokerTtl.Extension] = own;

        int count = await brokers.PublishAsync(client, "default", [new RoutedEvent(cloudEvent)], EventOrigin.Outside, CancellationToken.None);

        Assert.Equal(entered is null ? 0 : 1, count);
        Assert.Equal(entered, published.Events.Select(BrokerTtl.Get).SingleOrDefault());
    }

    [Fact]
    public void The_first_event_from_outside_whose_counter_runs_out_as_it_enters_is_named_for_ingress_to_refuse()
    {
        CloudEvent fresh = Events.Json("{}", id: "fresh");
        CloudEvent last = Events.Json("{}", id: "last");
        last[BrokerTtl.Extension] = "1";

        Assert.Same(last, BrokerTtl.FirstRunningOut([fresh, last]));
        Assert.Null(BrokerTtl.FirstRunningOut([fresh]));
    }

    [Fact]
    public async Task An_event_from_inside_with_a_counter_of_its_own_and_no_broker_event_behind_it_enters_with_one_less()
    {
        CloudEvent deadLetter = Events.Json("""{"message":"hi"}""", id: "dl");
        deadLetter[BrokerTtl.Extension] = "7";

        await brokers.PublishAsync(client, "default", [new RoutedEvent(deadLetter)], EventOrigin.Pipeline, CancellationToken.None);

        Assert.Equal(6, BrokerTtl.Get(Assert.Single(published.Events)));
    }

    [Fact]
    public async Task A_looping_event_is_dropped_without_being_stamped()
    {
        CloudEvent looping = Events.Json("""{"message":"hi"}""", id: "loop");

        int count = await brokers.PublishAsync(client, "default", [new RoutedEvent(looping, BrokerTtl: 1)], EventOrigin.Pipeline, CancellationToken.None);

        Assert.Equal(0, count);
        Assert.Empty(published.Events);
        Assert.Null(looping[BrokerArrival.Extension]);
        Assert.Contains(log.Lines, l => l.Contains("event loop from /apis/v1/namespaces/default/cronjobsources/cronjob-source dropped", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, "2026-12-04T19:30:05Z")]
    [InlineData(1_000_000, "2026-12-04T19:30:05.1Z")]
    [InlineData(1_230_000, "2026-12-04T19:30:05.123Z")]
    [InlineData(1, "2026-12-04T19:30:05.0000001Z")]
    public void The_arrival_time_is_written_as_Knative_writes_it_in_UTC_without_trailing_zeros(long ticks, string expected)
    {
        var local = new DateTimeOffset(2026, 12, 4, 20, 30, 5, TimeSpan.FromHours(1));

        Assert.Equal(expected, BrokerArrival.Format(local.AddTicks(ticks)));
    }

    [Fact]
    public void An_event_published_to_the_topic_directly_is_stamped_on_delivery_and_one_that_has_a_time_keeps_it()
    {
        CloudEvent direct = Events.Json("{}", id: "direct");
        CloudEvent published = Events.Json("{}", id: "published");
        BrokerArrival.Stamp(published, Now.AddSeconds(-2));

        BrokerArrival.StampIfMissing(direct, Now);
        BrokerArrival.StampIfMissing(published, Now);

        Assert.Equal("2026-12-04T19:30:05.1234567Z", direct[BrokerArrival.Extension]);
        Assert.Equal("2026-12-04T19:30:03.1234567Z", published[BrokerArrival.Extension]);
    }

    private sealed class RecordingPublisher : IBrokerPublisher
    {
        public List<CloudEvent> Events { get; } = [];

        public Task PublishAsync(DurableTaskClient client, string broker, IReadOnlyList<CloudEvent> events, EventOrigin origin, CancellationToken cancellationToken)
        {
            Events.AddRange(events);
            return Task.CompletedTask;
        }
    }
}
