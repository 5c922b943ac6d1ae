using System.Text;
using System.Text.Json;
using FunctionsSequence.Functions.Brokers;

namespace FunctionsSequence.Functions.Tests;

/// <summary>A run's events go to Event Grid in as few requests as its 1 MB limit per request allows, in order.</summary>
public sealed class EventGridRequestsTests
{
    private static byte[] Event(string id, int dataLength) =>
        Encoding.UTF8.GetBytes($$"""{"specversion":"1.0","id":"{{id}}","source":"/t","type":"t","data":"{{new string('x', dataLength)}}"}""");

    private static string[] Ids(ReadOnlyMemory<byte> request) =>
        [.. JsonDocument.Parse(request).RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];

    [Fact]
    public void Events_that_fit_go_in_one_array()
    {
        ReadOnlyMemory<byte> request = Assert.Single(EventGridRequests.Of([Event("a", 10), Event("b", 10)]));

        Assert.Equal(["a", "b"], Ids(request));
    }

    [Fact]
    public void Events_beyond_the_limit_start_a_new_request_and_no_request_exceeds_it()
    {
        byte[][] events = [.. Enumerable.Range(0, 7).Select(i => Event($"e{i}", 300_000))];

        ReadOnlyMemory<byte>[] requests = [.. EventGridRequests.Of(events)];

        Assert.Equal(3, requests.Length); // three of about 300 KB fit in 1,000,000 bytes
        Assert.All(requests, r => Assert.True(r.Length <= EventGridRequests.MaxBytes, $"{r.Length} bytes"));
        Assert.Equal(events.Select((_, i) => $"e{i}"), requests.SelectMany(Ids));
    }

    [Fact]
    public void A_request_is_filled_to_the_byte()
    {
        byte[] small = Event("a", 1);
        int max = 1 + small.Length + 1 + small.Length + 1; // [a,a]

        Assert.Single(EventGridRequests.Of([small, small], max));
        Assert.Equal(2, EventGridRequests.Of([small, small], max - 1).Count());
    }

    [Fact]
    public void An_event_larger_than_the_limit_goes_alone_for_Event_Grid_to_refuse()
    {
        ReadOnlyMemory<byte>[] requests = [.. EventGridRequests.Of([Event("a", 10), Event("big", 1_100_000), Event("c", 10)])];

        Assert.Equal([["a"], ["big"], ["c"]], requests.Select(Ids));
    }

    [Fact]
    public void No_events_make_no_request()
    {
        Assert.Empty(EventGridRequests.Of([]));
    }
}
