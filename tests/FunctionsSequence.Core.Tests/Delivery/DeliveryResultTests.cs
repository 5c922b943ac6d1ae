using System.Text.Json;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;

namespace FunctionsSequence.Core.Tests.Delivery;

public sealed class DeliveryResultTests
{
    private static readonly JsonSerializerOptions CamelCase = new(JsonSerializerDefaults.Web);

    [Fact]
    public void A_success_with_a_reply_is_written_as_the_reply_alone_and_reads_back_whole()
    {
        DeliveryResult success = DeliveryResult.Success("""{"id":"e-1"}""");

        string json = JsonSerializer.Serialize(success);

        Assert.Equal(JsonSerializer.Serialize("""{"id":"e-1"}"""), json);
        Assert.Equal(success, JsonSerializer.Deserialize<DeliveryResult>(json));
    }

    [Fact]
    public void Other_results_keep_every_field_through_JSON_without_their_defaults()
    {
        DeliveryResult failure = DeliveryResult.Failure(503, retryable: true, "step 0 answered 503", "busy");
        DeliveryResult ended = DeliveryResult.Success(null);

        Assert.Equal(failure, JsonSerializer.Deserialize<DeliveryResult>(JsonSerializer.Serialize(failure)));
        Assert.Equal("""{"Succeeded":true}""", JsonSerializer.Serialize(ended));
        Assert.Equal(ended, JsonSerializer.Deserialize<DeliveryResult>(JsonSerializer.Serialize(ended)));
    }

    [Fact]
    public void A_failed_answers_bytes_are_kept_through_JSON()
    {
        DeliveryResult answered = DeliveryResult.Failure(500, retryable: true, "step 0 answered 500") with { ResponseData = Convert.ToBase64String([0x00, 0x80, 0xff]) };

        Assert.Equal(answered, JsonSerializer.Deserialize<DeliveryResult>(JsonSerializer.Serialize(answered, CamelCase), CamelCase));
    }

    [Fact]
    public void Results_in_an_array_mix_both_forms_and_follow_the_serializers_naming()
    {
        DeliveryResult[] results = [DeliveryResult.Success("r"), DeliveryResult.Failure(400, retryable: false, "bad"), DeliveryResult.Success(null)];

        string json = JsonSerializer.Serialize(results, CamelCase);

        Assert.Equal("""["r",{"succeeded":false,"statusCode":400,"error":"bad"},{"succeeded":true}]""", json);
        Assert.Equal(results, JsonSerializer.Deserialize<DeliveryResult[]>(json, CamelCase));
    }

    [Fact]
    public void What_a_last_hop_says_of_its_reply_is_kept_through_JSON_and_a_result_without_it_reads_as_not_replied()
    {
        DeliveryResult replied = DeliveryResult.Success("r") with { Replied = true };
        DeliveryResult givenUp = DeliveryResult.Success("r") with { ReplyGivenUp = "refused" };
        DeliveryResult tried = DeliveryResult.Success("r") with { ReplyAttempts = 1 };

        string json = JsonSerializer.Serialize(new[] { replied, givenUp, tried }, CamelCase);

        Assert.Equal("""[{"succeeded":true,"event":"r","replied":true},{"succeeded":true,"event":"r","replyGivenUp":"refused"},{"succeeded":true,"event":"r","replyAttempts":1}]""", json);
        Assert.Equal([replied, givenUp, tried], JsonSerializer.Deserialize<DeliveryResult[]>(json, CamelCase)!);
        Assert.False(JsonSerializer.Deserialize<DeliveryResult>("\"r\"")!.Replied); // a history written before: its reply goes by the reply's activity
    }

    [Fact]
    public void A_result_whose_answer_went_on_is_written_without_it_and_read_back_so()
    {
        DeliveryResult replied = DeliveryResult.Success(null) with { Replied = true }; // the last hop's, once the reply took it
        DeliveryResult published = DeliveryResult.Success(null); // a Trigger subscriber's, once the Broker took its reply

        string json = JsonSerializer.Serialize(new[] { replied, published }, CamelCase);

        Assert.Equal("""[{"succeeded":true,"replied":true},{"succeeded":true}]""", json);
        Assert.Equal([replied, published], JsonSerializer.Deserialize<DeliveryResult[]>(json, CamelCase)!);
    }

    [Fact]
    public void An_answer_with_nowhere_to_go_is_kept_as_a_flag_through_JSON_and_a_result_without_it_reads_as_none()
    {
        DeliveryResult answered = DeliveryResult.Success(null) with { AnsweredNowhere = true };

        string json = JsonSerializer.Serialize(answered, CamelCase);

        Assert.Equal("""{"succeeded":true,"answeredNowhere":true}""", json);
        Assert.Equal(answered, JsonSerializer.Deserialize<DeliveryResult>(json, CamelCase));
        Assert.False(JsonSerializer.Deserialize<DeliveryResult>("""{"Succeeded":true}""")!.AnsweredNowhere); // a history written before
    }

    [Theory]
    [InlineData("""{"Succeeded":true,"Event":null,"StatusCode":0,"Retryable":false,"Error":null,"ResponseBody":null}""", null)]
    [InlineData("""{"Succeeded":true,"Event":"{\u0022id\u0022:\u0022e-1\u0022}"}""", """{"id":"e-1"}""")]
    public void A_success_written_as_an_object_by_an_earlier_version_still_reads(string written, string? reply)
    {
        Assert.Equal(DeliveryResult.Success(reply), JsonSerializer.Deserialize<DeliveryResult>(written));
    }

    [Fact]
    public void True_the_dead_letter_activitys_output_in_histories_written_before_it_returned_a_result_reads_as_a_success()
    {
        Assert.Equal(DeliveryResult.Success(null), JsonSerializer.Deserialize<DeliveryResult>("true"));
    }

    [Fact]
    public void An_event_of_a_run_without_a_hop_counter_is_written_as_the_event_alone_and_either_form_reads()
    {
        RunEvent plain = new("""{"id":"e-1"}""");
        RunEvent counted = new("""{"id":"e-2"}""", 7);

        string json = JsonSerializer.Serialize(new[] { plain, counted });

        Assert.Equal("""["{\u0022id\u0022:\u0022e-1\u0022}",{"Event":"{\u0022id\u0022:\u0022e-2\u0022}","BrokerTtl":7}]""", json);
        Assert.Equal([plain, counted], JsonSerializer.Deserialize<RunEvent[]>(json)!);
        Assert.Equal(plain, JsonSerializer.Deserialize<RunEvent>("""{"Event":"{\"id\":\"e-1\"}","BrokerTtl":null}"""));
    }
}
