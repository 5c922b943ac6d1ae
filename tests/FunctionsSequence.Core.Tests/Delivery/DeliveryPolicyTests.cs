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
    public void Trigger_delivery_overrides_the_brokers_field_by_field()
    {
        var broker = new DeliverySpec(5, BackoffPolicy.Linear, Delay, TimeSpan.FromSeconds(9), Destination.To("Service", "broker-dls"));
        var trigger = new DeliverySpec(Retry: 1, DeadLetterSink: Destination.To("Service", "trigger-dls"));

        DeliverySpec merged = DeliverySpec.Merge(trigger, broker)!;

        Assert.Equal(1, merged.Retry);
        Assert.Equal(Delay, merged.BackoffDelay);
        Assert.Equal(TimeSpan.FromSeconds(9), merged.Timeout);
        Assert.Equal("trigger-dls", merged.DeadLetterSink!.Ref!.Name);
        Assert.Equal("broker-dls", DeliverySpec.Merge(new DeliverySpec(Retry: 1), broker)!.DeadLetterSink!.Ref!.Name);
        Assert.Same(broker, DeliverySpec.Merge(null, broker));
    }

    [Fact]
    public void Dead_letter_event_is_the_input_with_knatives_error_extensions_and_at_most_1024_bytes_of_body()
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
        Assert.Equal(new string('x', 1024), Encoding.UTF8.GetString(Convert.FromBase64String((string)dead["knativeerrordata"]!)));
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
