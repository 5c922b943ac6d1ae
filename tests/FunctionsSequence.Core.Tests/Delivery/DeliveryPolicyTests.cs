using System.Text;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Steps;

namespace FunctionsSequence.Core.Tests.Delivery;

public sealed class DeliveryPolicyTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(200);

    [Fact]
    public void No_delivery_means_one_attempt_as_in_knative()
    {
        Assert.Equal(1, DeliveryPolicy.MaxAttempts(null));
        Assert.Equal(4, DeliveryPolicy.MaxAttempts(new DeliverySpec(Retry: 3)));
    }

    [Theory]
    [InlineData(BackoffPolicy.Linear, 0, 0)]
    [InlineData(BackoffPolicy.Linear, 1, 200)]
    [InlineData(BackoffPolicy.Linear, 3, 600)]
    [InlineData(BackoffPolicy.Exponential, 0, 200)]
    [InlineData(BackoffPolicy.Exponential, 1, 400)]
    [InlineData(BackoffPolicy.Exponential, 3, 1600)]
    public void Backoff_follows_knative_with_n_from_zero(BackoffPolicy policy, int n, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), DeliveryPolicy.Backoff(new DeliverySpec(3, policy, Delay), n));

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(404, true)]
    [InlineData(408, true)]
    [InlineData(409, true)]
    [InlineData(429, true)]
    [InlineData(0, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(422, false)]
    public void Retryable_statuses_are_knatives(int status, bool retryable) =>
        Assert.Equal(retryable, StepFailedException.IsRetryable(status));

    [Fact]
    public void Backoff_delay_without_a_policy_waits_nothing_as_in_knative() =>
        Assert.Equal(TimeSpan.Zero, DeliveryPolicy.Backoff(new DeliverySpec(3, BackoffDelay: Delay), 2));

    [Fact]
    public void A_written_delivery_brings_its_retries_as_one_block_and_falls_back_only_for_the_dead_letter_sink_and_format()
    {
        var broker = new DeliverySpec(5, BackoffPolicy.Linear, Delay, TimeSpan.FromSeconds(9), Destination.To("Service", "broker-dls"), DeliveryFormat.Json, TimeSpan.FromSeconds(30));

        DeliverySpec resolved = DeliverySpec.Resolve(new DeliverySpec(Retry: 1, DeadLetterSink: Destination.To("Service", "trigger-dls")), broker)!;
        DeliverySpec onlySink = DeliverySpec.Resolve(new DeliverySpec(DeadLetterSink: Destination.To("Service", "trigger-dls")), broker)!;
        DeliverySpec onlyRetry = DeliverySpec.Resolve(new DeliverySpec(Retry: 2), broker)!;

        Assert.Equal(new DeliverySpec(1, DeadLetterSink: Destination.To("Service", "trigger-dls"), Format: DeliveryFormat.Json), resolved);
        Assert.Equal(1, DeliveryPolicy.MaxAttempts(onlySink)); // Knative: the Trigger's delivery, which has no retries
        Assert.Equal(new DeliverySpec(2, DeadLetterSink: Destination.To("Service", "broker-dls"), Format: DeliveryFormat.Json), onlyRetry);
        Assert.Equal(TimeSpan.Zero, DeliveryPolicy.Backoff(onlyRetry, 1)); // no policy of its own: retries at once
        Assert.Same(broker, DeliverySpec.Resolve(null, broker));
    }

    [Fact]
    public void A_broker_without_delivery_has_knatives_default_ten_retries_exponential_from_200_ms()
    {
        Assert.Equal(11, DeliveryPolicy.MaxAttempts(DeliverySpec.BrokerDefault));
        Assert.Equal(TimeSpan.FromMilliseconds(200), DeliveryPolicy.Backoff(DeliverySpec.BrokerDefault, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(1600), DeliveryPolicy.Backoff(DeliverySpec.BrokerDefault, 3));
        Assert.Null(DeliverySpec.BrokerDefault.DeadLetterSink);
    }

    [Fact]
    public void Dead_letter_event_carries_an_http_answers_bytes_as_they_came_whatever_they_encode()
    {
        byte[] body = [0x00, 0x7f, 0x80, 0xc3, 0x28, 0xff]; // no UTF-8 text: a decode would turn four of them into U+FFFD
        DeliveryResult failure = DeliveryAttempt.FailureOf(new StepFailedException("POST http://step/ answered 500 Internal Server Error", 500) { ResponseBytes = body });

        CloudEvent dead = DeadLetterEvents.Create(new DeadLetterInput(CloudEventJson.Encode(Events.Json("{}")), "http://step/", Hop.Step("s", 0), failure, 1));

        Assert.Equal(Convert.ToBase64String(body), dead["knativeerrordata"]);
    }

    [Fact]
    public void Dead_letter_event_is_the_input_with_knatives_error_extensions_and_at_most_1024_characters_of_base64_body()
    {
        CloudEvent input = Events.Json("""{"message":"hi"}""");
        input["somekey"] = "value";
        string body = new('x', 3000);

        CloudEvent dead = DeadLetterEvents.Create(new DeadLetterInput(
            CloudEventJson.Encode(input), "http://step/", Hop.Step("s", 0), DeliveryResult.Failure(503, true, "boom", body), 4));

        Assert.Equal(input.Id, dead.Id);
        Assert.Equal(input.Type, dead.Type);
        Assert.Equal("value", dead["somekey"]);
        Assert.Equal("http://step/", dead["knativeerrordest"]);
        Assert.Equal("503", dead["knativeerrorcode"]);
        Assert.Equal(1024, ((string)dead["knativeerrordata"]!).Length);
        Assert.Equal(new string('x', 768), Encoding.UTF8.GetString(Convert.FromBase64String((string)dead["knativeerrordata"]!)));
    }

    [Fact]
    public void A_dead_letter_for_a_step_that_never_answered_has_code_500_as_knatives_dispatcher_gives_it()
    {
        CloudEvent dead = DeadLetterEvents.Create(new DeadLetterInput(
            CloudEventJson.Encode(Events.Json("{}")), "http://step/", Hop.Step("s", 0), DeliveryResult.Failure(0, true, "POST http://step/ failed: Connection refused (step:80)"), 1));

        Assert.Equal("500", dead["knativeerrorcode"]);
        Assert.Equal("POST http://step/ failed: Connection refused (step:80)", Encoding.UTF8.GetString(Convert.FromBase64String((string)dead["knativeerrordata"]!)));
    }
}
