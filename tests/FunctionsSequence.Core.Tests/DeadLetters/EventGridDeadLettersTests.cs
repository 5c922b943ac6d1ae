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

        IReadOnlyList<DeadLetterRecord> records = EventGridDeadLetters.Read("deadletters/X/2026/2/3/4/a.json", "orders", blob, Written);

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

    [Theory]
    [InlineData("""{"id":"e-1"}""", "not a JSON array")]
    [InlineData("""[{"id":"e-1","eventType":"order","subject":"s","eventTime":"2026-01-01T00:00:00Z","dataVersion":"1"}]""", "item 0 is not a CloudEvent (no specversion)")]
    public void A_blob_that_is_not_an_array_of_cloudevents_is_refused_saying_why(string blob, string why)
    {
        FormatException ex = Assert.Throws<FormatException>(() => EventGridDeadLetters.Read("deadletters/b.json", "orders", blob, Written));

        Assert.Contains("deadletters/b.json: " + why, ex.Message, StringComparison.Ordinal);
    }
}
