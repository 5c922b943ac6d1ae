using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FunctionsSequence.Core.Durable;

namespace FunctionsSequence.Core.Tests.Durable;

public sealed class RunPayloadTests
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions PayloadConverterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static RunEvent Event(int dataChars, char fill = 'x') =>
        new($$$"""{"specversion":"1.0","id":"{{{Guid.NewGuid():N}}}","source":"/s","type":"t","data":{"padding":"{{{new string(fill, dataChars)}}}"}}""");

    [Theory]
    [InlineData("""{"a":"plain"}""")]
    [InlineData("""{"a":"quote \" and backslash \\ and tab \t"}""")]
    [InlineData("""{"a":"é, €, 𝄞"}""")]
    [InlineData("{\"a\":\"\u007F \u0085 \u2028 \uFEFF \uE000\"}")] // what the relaxed encoder still escapes
    public void An_events_weight_is_at_least_what_its_json_takes_written_as_a_json_string(string json)
    {
        // As the payload converter writes it: relaxed escaping, without the string's own quotes.
        int written = Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(json, Relaxed)) - 2;

        Assert.InRange(RunPayload.Weight(json), written, written + 8);
    }

    [Fact]
    public void An_event_read_from_a_payload_weighs_its_token_as_written_without_being_unescaped()
    {
        string written = JsonSerializer.Serialize(new[] { Event(100, '"') }, PayloadConverterOptions);

        RunEvent read = JsonSerializer.Deserialize<RunEvent[]>(written, PayloadConverterOptions)![0];

        Assert.Equal(Encoding.UTF8.GetByteCount(written) - 4, read.Event.PayloadBytes); // less [" and "]
    }

    [Fact]
    public void Events_that_fit_together_are_one_part()
    {
        RunEvent[] events = [.. Enumerable.Range(0, 100).Select(_ => Event(1000))];

        Assert.Equal([Range.All], RunPayload.Parts(events));
    }

    [Fact]
    public void Heavier_events_are_split_in_order_into_parts_of_at_most_the_bound_and_one_heavier_than_it_goes_alone()
    {
        RunEvent[] events = [Event(1 << 20), Event(1 << 20), Event(1 << 20), Event(4 << 20), Event(10), Event(1 << 20, '"')];

        IReadOnlyList<Range> parts = RunPayload.Parts(events);

        Assert.Equal([(0, 2), (2, 1), (3, 1), (4, 2)], parts.Select(p => p.GetOffsetAndLength(events.Length)));
        Assert.All(parts.Where(p => p.GetOffsetAndLength(events.Length).Length > 1), p => Assert.True(RunPayload.Slice(events, p).Sum(e => RunPayload.Weight(e.Event.Json)) <= RunPayload.MaxBytes));
    }

    [Fact]
    public async Task Results_of_the_parts_come_back_in_the_events_order()
    {
        RunEvent[] events = [.. Enumerable.Range(0, 7).Select(_ => Event(1 << 20))];
        var calls = new List<int>();

        string[] ids = await RunPayload.InPartsAsync(events, async part =>
        {
            calls.Add(part.Count);
            await Task.Yield();
            return part.Select(e => e.Event.Json[30..62]).ToArray();
        });

        Assert.Equal(events.Select(e => e.Event.Json[30..62]), ids);
        Assert.Equal([2, 2, 2, 1], calls);
    }
}
