using System.Text.Json;
using FunctionsSequence.Functions.Hosting;

namespace FunctionsSequence.Functions.Tests;

/// <summary>An Event Grid delivery's events: the CloudEvents go on, and each of the others is told apart with why.</summary>
public sealed class EventGridDeliveriesTests
{
    [Fact]
    public void Every_event_that_is_not_a_cloudevent_is_named_with_why_and_the_others_are_kept()
    {
        JsonElement[] events =
        [
            .. JsonDocument.Parse("""
                [{"specversion":"1.0","id":"good","source":"/s","type":"t"},
                 {"specversion":"1.0","id":"e","source":"/s","type":"t","ext":1.5},
                 {"specversion":"1.0","id":"e","source":"/s","type":"t","data_base64":"!!"},
                 {"specversion":"1.0","id":"e","source":"/s"}]
                """).RootElement.EnumerateArray(),
        ];

        var (valid, invalid) = EventGridDeliveries.Read(events);

        Assert.Equal("good", Assert.Single(valid).Id);
        Assert.Equal(
            [
                "The event at index 1 of the batch (id \"e\"): attribute 'ext' is 1.5, not a whole number from -2147483648 to 2147483647.",
                "The event at index 2 of the batch (id \"e\"): 'data_base64' is not base64.",
                "The event at index 3 of the batch (id \"e\"): missing required attribute 'type'.",
            ],
            invalid);
    }

    [Fact]
    public void An_event_in_the_Event_Grid_schema_is_told_apart_with_the_setting_that_fixes_it()
    {
        JsonElement[] events =
        [
            .. JsonDocument.Parse("""
                [{"id":"blob-1","topic":"/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/a",
                  "subject":"/blobServices/default/containers/c/blobs/b","eventType":"Microsoft.Storage.BlobCreated",
                  "eventTime":"2026-12-04T10:00:00Z","data":{},"dataVersion":"","metadataVersion":"1"}]
                """).RootElement.EnumerateArray(),
        ];

        var (valid, invalid) = EventGridDeliveries.Read(events);

        Assert.Empty(valid);
        Assert.Equal(
            "The event at index 0 of the batch (id \"blob-1\"): missing required attribute 'specversion': it is in the Event Grid schema (eventType, dataVersion), not a CloudEvent; " +
            "publish CloudEvents 1.0, or set the Event Grid subscription's delivery schema to CloudEventSchemaV1_0.",
            Assert.Single(invalid));
    }
}
