using System.Text.Json;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace FunctionsSequence.Core.Tests.Durable;

public sealed class StructuredEventTests
{
    private const string Event = """{"specversion":"1.0","id":"a<b>&'c","source":"/s","type":"t","data":{"message":"Hello \"world\" é ✓ \\ \n\t"}}""";
    private const string Other = """{"specversion":"1.0","id":"2","source":"/s","type":"t","data":{"n":1}}""";

    public static TheoryData<string> Converters() => ["runtime", "sdk default"];

    [Theory]
    [MemberData(nameof(Converters))]
    public void An_event_read_from_a_payload_has_its_text_back(string converter)
    {
        DataConverter writer = Of(converter);
        DeliveryResult[] read = PayloadConverter.Instance.Deserialize<DeliveryResult[]>(writer.Serialize(new[] { DeliveryResult.Success(Event), DeliveryResult.Success(Other) }))!;

        Assert.Equal([Event, Other], read.Select(r => r.Event));
        Assert.Equal(new StructuredEvent(Event), read[0].Reply);
        Assert.Equal(new StructuredEvent(Event).GetHashCode(), read[0].Reply!.GetHashCode());
    }

    [Fact]
    public void An_orchestration_passes_events_on_exactly_as_they_were_written()
    {
        // Results written by the SDK's default encoder (quotes as \u0022), passed on by an
        // orchestration whose converter escapes differently: the events are copied, not re-escaped.
        string results = JsonDataConverter.Default.Serialize(new[] { DeliveryResult.Success(Event), DeliveryResult.Success(Other) })!;
        DeliveryResult[] read = PayloadConverter.Instance.Deserialize<DeliveryResult[]>(results)!;

        string scheduled = PayloadConverter.Instance.Serialize(new StepInput(Hop.Step("seq", 1), [.. read.Select(r => new RunEvent(r.Reply!))]))!;

        Assert.Equal(JsonDataConverter.Default.Serialize(new StepInput(Hop.Step("seq", 1), [new RunEvent(Event), new RunEvent(Other)])), scheduled);
        Assert.Equal([Event, Other], PayloadConverter.Instance.Deserialize<StepInput>(scheduled)!.Events.Select(e => e.Event.Json));
    }

    [Fact]
    public void A_run_read_and_written_again_is_the_same_payload()
    {
        var input = new SequenceRun("seq", [new RunEvent(Event), new RunEvent(Other, 3)]);
        string written = PayloadConverter.Instance.Serialize(input)!;

        SequenceRun read = PayloadConverter.Instance.Deserialize<SequenceRun>(written)!;

        Assert.Equal(written, PayloadConverter.Instance.Serialize(read));
        Assert.Equal(input.Events, read.Events);
    }

    [Theory]
    [MemberData(nameof(Converters))]
    public void An_event_read_from_a_payload_decodes_as_its_text_does(string converter)
    {
        StructuredEvent read = PayloadConverter.Instance.Deserialize<DeliveryResult[]>(Of(converter).Serialize(new[] { DeliveryResult.Success(Event) }))![0].Reply!;

        CloudNative.CloudEvents.CloudEvent fromToken = read.Decode(); // its text not asked for first: decoded from the token's bytes
        CloudNative.CloudEvents.CloudEvent fromText = CloudEventJson.Decode(Event);

        Assert.False(read.HasText);
        Assert.Equal(CloudEventJson.Encode(fromText), CloudEventJson.Encode(fromToken));
        Assert.Equal("a<b>&'c", fromToken.Id);
        Assert.Equal("Hello \"world\" é ✓ \\ \n\t", ((JsonElement)fromToken.Data!).GetProperty("message").GetString());
        Assert.Equal(Event, read.Json); // and its text is there when asked for after
    }

    [Theory]
    [MemberData(nameof(Converters))]
    public void Characters_escaped_as_surrogate_pairs_decode_from_the_token(string converter)
    {
        const string astral = """{"specversion":"1.0","id":"😀","source":"/s","type":"t","data":{"message":"a😀b"}}""";
        StructuredEvent read = PayloadConverter.Instance.Deserialize<DeliveryResult[]>(Of(converter).Serialize(new[] { DeliveryResult.Success(astral) }))![0].Reply!;

        CloudNative.CloudEvents.CloudEvent decoded = read.Decode();

        Assert.Equal(("😀", "a😀b"), (decoded.Id, ((JsonElement)decoded.Data!).GetProperty("message").GetString()));
    }

    [Fact]
    public void An_event_made_from_text_decodes_from_it()
    {
        Assert.Equal("2", new StructuredEvent(Other).Decode().Id);
    }

    [Fact]
    public void An_event_that_is_not_a_JSON_string_is_a_clear_error()
    {
        var error = Assert.Throws<JsonException>(() => PayloadConverter.Instance.Deserialize<StepInput>("""{"Events":[{"Event":{"id":"1"}}]}"""));

        Assert.Contains("An event in a payload is a JSON string, not StartObject", error.Message, StringComparison.Ordinal);
    }

    private static DataConverter Of(string converter) => converter == "runtime" ? PayloadConverter.Instance : JsonDataConverter.Default;
}
