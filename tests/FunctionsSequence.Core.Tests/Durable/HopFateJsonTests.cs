using System.Text.Json;
using FunctionsSequence.Core.Durable;

namespace FunctionsSequence.Core.Tests.Durable;

/// <summary>A run's record names each failed event's fate; one this build does not know still reads, as failed.</summary>
public sealed class HopFateJsonTests
{
    [Theory]
    [InlineData(HopFate.Retrying)]
    [InlineData(HopFate.DeadLettered)]
    [InlineData(HopFate.Failed)]
    [InlineData(HopFate.Dropped)]
    [InlineData(HopFate.DeadLetterFailed)]
    public void Each_fate_is_written_by_name_and_read_back(HopFate fate)
    {
        string json = JsonSerializer.Serialize(fate, PayloadConverter.SerializerOptions);

        Assert.Equal($"\"{fate}\"", json);
        Assert.Equal(fate, JsonSerializer.Deserialize<HopFate>(json, PayloadConverter.SerializerOptions));
    }

    [Fact]
    public void A_record_with_a_fate_from_a_newer_build_reads_with_that_hop_failed()
    {
        var record = new RunRecord([new HopAttempt("step 0 (Service/first)", 1, DateTime.UnixEpoch, TimeSpan.Zero, []) { Failed = [new HopFailure(0, 503, "busy", HopFate.DeadLettered, "http://dls/")] }]);
        string json = JsonSerializer.Serialize(record, PayloadConverter.SerializerOptions).Replace("\"DeadLettered\"", "\"SentSomewhereNew\"", StringComparison.Ordinal);

        RunRecord? read = JsonSerializer.Deserialize<RunRecord>(json, PayloadConverter.SerializerOptions);

        HopFailure failure = Assert.Single(Assert.Single(read!.Attempts).Failed);
        Assert.Equal((HopFate.Failed, 503, "http://dls/"), (failure.Fate, failure.Status, failure.DeadLetterSink));
    }

    [Theory]
    [InlineData("2", HopFate.Failed)]
    [InlineData("1", HopFate.DeadLettered)]
    [InlineData("99", HopFate.Failed)]
    [InlineData("\"3\"", HopFate.Failed)]
    public void Numbers_read_as_the_strict_converter_read_them_and_unknown_ones_as_failed(string json, HopFate expected)
    {
        Assert.Equal(expected, JsonSerializer.Deserialize<HopFate>(json, PayloadConverter.SerializerOptions));
    }
}
