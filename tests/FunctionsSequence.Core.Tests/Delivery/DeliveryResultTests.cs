using System.Text.Json;
using FunctionsSequence.Core.Delivery;

namespace FunctionsSequence.Core.Tests.Delivery;

public sealed class DeliveryResultTests
{
    [Fact]
    public void A_success_is_written_as_its_reply_alone_and_reads_back_whole()
    {
        DeliveryResult success = DeliveryResult.Success("""{"id":"e-1"}""");

        string json = JsonSerializer.Serialize(success);

        Assert.Equal("""{"Succeeded":true,"Event":"{\u0022id\u0022:\u0022e-1\u0022}"}""", json);
        Assert.Equal(success, JsonSerializer.Deserialize<DeliveryResult>(json));
    }

    [Fact]
    public void A_failure_keeps_every_field_through_JSON()
    {
        DeliveryResult failure = DeliveryResult.Failure(503, retryable: true, "step 0 answered 503", "busy");

        Assert.Equal(failure, JsonSerializer.Deserialize<DeliveryResult>(JsonSerializer.Serialize(failure)));
    }

    [Fact]
    public void A_result_written_in_full_by_an_earlier_version_still_reads()
    {
        const string full = """{"Succeeded":true,"Event":null,"StatusCode":0,"Retryable":false,"Error":null,"ResponseBody":null}""";

        Assert.Equal(DeliveryResult.Success(null), JsonSerializer.Deserialize<DeliveryResult>(full));
    }
}
