using System.Globalization;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.DeadLetters;

namespace FunctionsSequence.Core.Tests.DeadLetters;

/// <summary>Event Grid's dead-letter blobs (CloudEvents 1.0 schema) read as dead letters of their Trigger.</summary>
public sealed class EventGridDeadLettersTests
{
    private static readonly DateTimeOffset Written = DateTimeOffset.Parse("2026-02-03T04:05:06Z", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("ORDERS-TRIGGER/2026/2/3/4/0b1c.json", "orders-trigger")]
    [InlineData("BROKER-DEFAULT/ORDERS-TRIGGER/2026/12/31/23/0b1c.json", "orders-trigger")]
    [InlineData("2026/2/3/4/0b1c.json", null)]
    [InlineData("ORDERS-TRIGGER/2026/2/3/0b1c.json", null)]
    [InlineData("ORDERS-TRIGGER/2026/2/3/4/0b1c.txt", null)]
    public void The_trigger_is_the_subscription_named_before_the_date_and_hour(string blob, string? trigger)
    {
        Assert.Equal(trigger, EventGridDeadLetters.TriggerOf(blob));
    }

    [Fact]
    public void Each_event_of_the_array_is_a_dead_letter_of_the_triggers_subscriber_without_event_grids_attributes()
    {
        const string blob = """
            [
              {"id":"e-1","source":"/shop","specversion":"1.0","type":"order","region":"eu","data":{"n":1},
               "deadletterreason":"MaxDeliveryAttemptsExceeded","deliveryattempts":30,"lastdeliveryoutcome":"InternalServerError",
               "lasthttpstatuscode":500,"publishtime":"2026-02-03T03:00:00Z","lastdeliveryattempttime":"2026-02-03T04:00:00Z"},
              {"id":"e-2","source":"/shop","specversion":"1.0","type":"order","deadletterreason":"UndeliverableDueToHttpBadRequest","deliveryattempts":"1"}
            ]
            """;

        (IReadOnlyList<DeadLetterRecord> records, IReadOnlyList<string> unread) = EventGridDeadLetters.Read("deadletters/X/2026/2/3/4/a.json", "orders", blob, Written);

        Assert.Empty(unread);
        Assert.Equal(2, records.Count);
        DeadLetterRecord first = records[0];
        Assert.Equal(Hop.Subscriber("orders"), first.Hop);
        Assert.Equal(DeadLetterRecord.KeyOf(Hop.Subscriber("orders"), "/shop", "e-1"), first.Id);
        Assert.Equal((500, 30, "deadletters/X/2026/2/3/4/a.json"), (first.StatusCode, first.Attempts, first.Origin));
        Assert.Equal(DateTimeOffset.Parse("2026-02-03T04:00:00Z", CultureInfo.InvariantCulture), first.DeadLetteredAt);
        Assert.Equal("MaxDeliveryAttemptsExceeded (last outcome InternalServerError)", first.Error);
        Assert.Contains("\"region\":\"eu\"", first.Event, StringComparison.Ordinal);
        Assert.DoesNotContain("deadletterreason", first.Event, StringComparison.Ordinal);
        Assert.DoesNotContain("deliveryattempts", first.Event, StringComparison.Ordinal);
        Assert.Equal((0, 1, Written), (records[1].StatusCode, records[1].Attempts, records[1].DeadLetteredAt));
    }

    [Fact]
    public void A_blob_that_is_not_an_array_is_refused_saying_why()
    {
        FormatException ex = Assert.Throws<FormatException>(() => EventGridDeadLetters.Read("deadletters/b.json", "orders", """{"id":"e-1"}""", Written));

        Assert.StartsWith("not a JSON array of events", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_item_that_is_not_a_cloudevent_is_named_and_the_blobs_others_are_read()
    {
        const string blob = """
            [
              {"id":"e-1","source":"/shop","specversion":"1.0","type":"order"},
              {"id":"e-2","eventType":"order","subject":"s","eventTime":"2026-01-01T00:00:00Z","dataVersion":"1"},
              "e-3",
              {"id":"e-4","source":"/shop","specversion":"1.0"},
              {"id":"e-5","source":"/shop","specversion":"1.0","type":"order"},
              {"id":"e-6","id":"e-7","source":"/shop","specversion":"1.0","type":"order"}
            ]
            """;

        (IReadOnlyList<DeadLetterRecord> records, IReadOnlyList<string> unread) = EventGridDeadLetters.Read("deadletters/b.json", "orders", blob, Written);

        Assert.Equal([DeadLetterRecord.KeyOf(Hop.Subscriber("orders"), "/shop", "e-1"), DeadLetterRecord.KeyOf(Hop.Subscriber("orders"), "/shop", "e-5")], records.Select(r => r.Id));
        Assert.Equal(4, unread.Count);
        Assert.StartsWith("item 1 is not a CloudEvent (no specversion)", unread[0], StringComparison.Ordinal);
        Assert.Equal("item 2 is not a JSON object; left out", unread[1]);
        Assert.StartsWith("item 3 is not a valid CloudEvent: ", unread[2], StringComparison.Ordinal);
        Assert.Contains("type", unread[2], StringComparison.Ordinal);
        Assert.StartsWith("item 5 is not a valid CloudEvent: ", unread[3], StringComparison.Ordinal); // a key written twice
        Assert.All(unread, u => Assert.EndsWith("; left out", u, StringComparison.Ordinal));
    }
}
