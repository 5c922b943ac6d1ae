using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using Microsoft.DurableTask.Converters;

namespace FunctionsSequence.Core.Tests.Durable;

public sealed class PayloadConverterTests
{
    private const string Event = """{"specversion":"1.0","id":"a<b>&'c","source":"/s","type":"t","data":{"message":"Hello \"world\" é ✓"}}""";

    [Fact]
    public void Events_inside_payloads_are_written_with_their_quotes_escaped_once_not_as_unicode_escapes()
    {
        string written = PayloadConverter.Instance.Serialize(new SequenceRun("seq", [new RunEvent(Event, 3)]))!;

        Assert.DoesNotContain(@"\u0022", written, StringComparison.Ordinal);
        Assert.Contains("""{\"specversion\":\"1.0\",""", written, StringComparison.Ordinal);
        Assert.True(written.Length < JsonDataConverter.Default.Serialize(new SequenceRun("seq", [new RunEvent(Event, 3)]))!.Length);
    }

    [Fact]
    public void What_either_converter_wrote_reads_back_the_same_so_histories_written_before_still_replay()
    {
        DeliveryResult[] results = [DeliveryResult.Success(Event), DeliveryResult.Failure(503, retryable: true, "unavailable", "<html>")];
        var input = new SequenceRun("seq", [new RunEvent(Event, 3), new RunEvent(Event), new RunEvent(new StructuredEvent(Event), Redrive: new RedriveMark("r1", 2))]);

        foreach (string written in new[] { PayloadConverter.Instance.Serialize(results)!, JsonDataConverter.Default.Serialize(results)! })
        {
            Assert.Equal(results, PayloadConverter.Instance.Deserialize<DeliveryResult[]>(written));
        }

        foreach (string written in new[] { PayloadConverter.Instance.Serialize(input)!, JsonDataConverter.Default.Serialize(input)! })
        {
            SequenceRun read = PayloadConverter.Instance.Deserialize<SequenceRun>(written)!;
            Assert.Equal("seq", read.Sequence);
            Assert.Equal(input.Events, read.Events);
        }
    }
}
