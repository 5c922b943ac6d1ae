using CloudNative.CloudEvents;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Steps;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSequence.Core.Tests.Broker;

/// <summary>
/// A Trigger subscriber's replies go back into its Broker within the delivery's own call, under a bound of
/// their own, as a flow's reply does, so that the call fits in its function timeout with the attempt; replies the
/// Broker does not take fail the attempt, for the Trigger's delivery to retry and dead-letter (a refusal at once, as
/// does a Broker subscriber's).
/// </summary>
public sealed class SubscriberReplyTests
{
    private static readonly string Yaml =
        Manifests.StepService("step-0", 0) + Manifests.BrokerAndTrigger("{ ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: step-0 } }");

    [Fact]
    public async Task The_replies_go_into_the_broker_under_a_bound_of_their_own()
    {
        var publisher = new RecordingPublisher();

        DeliveryResult[] results = await DeliverAsync(publisher);

        DeliveryResult result = Assert.Single(results);
        Assert.True(result.Succeeded);
        Assert.Null(result.Event); // published: the Trigger's run has no use for the reply in its history
        Assert.Equal("default", publisher.Broker);
        Assert.True(publisher.Token.CanBeCanceled); // the call's own token here cannot be cancelled: the bound can
    }

    [Fact]
    public async Task A_broker_that_does_not_take_them_within_the_bound_fails_the_attempt_for_the_delivery_to_retry()
    {
        var publisher = new RecordingPublisher { Failure = new OperationCanceledException() };

        DeliveryResult failed = Assert.Single(await DeliverAsync(publisher));

        Assert.Equal((false, 0, true), (failed.Succeeded, failed.StatusCode, failed.Retryable));
        Assert.Equal("Broker default did not take the reply of the subscriber: timed out after 100 s (the per-attempt timeout)", failed.Error);
    }

    [Fact]
    public async Task A_broker_that_fails_the_publish_fails_the_attempt_not_the_run()
    {
        var publisher = new RecordingPublisher { Failure = new InvalidOperationException("topic unavailable") };

        DeliveryResult failed = Assert.Single(await DeliverAsync(publisher));

        Assert.Equal((false, 500, true), (failed.Succeeded, failed.StatusCode, failed.Retryable));
        Assert.Equal("Broker default did not take the reply of the subscriber: InvalidOperationException: topic unavailable", failed.Error);
    }

    [Fact]
    public async Task A_broker_that_refuses_the_replies_fails_the_attempt_with_its_answer_not_to_be_retried()
    {
        // As the Functions app's publisher fails when the Broker's Event Grid topic answers 400.
        var refusal = new StepFailedException("The Event Grid topic of Broker 'default' answered 400 (BadRequest)", 400) { ResponseBytes = "{\"error\":{}}"u8.ToArray() };
        var publisher = new RecordingPublisher { Failure = refusal };

        DeliveryResult failed = Assert.Single(await DeliverAsync(publisher));

        Assert.Equal((false, 400, false), (failed.Succeeded, failed.StatusCode, failed.Retryable));
        Assert.Equal("Broker default did not take the reply of the subscriber: The Event Grid topic of Broker 'default' answered 400 (BadRequest)", failed.Error);
        Assert.Equal(Convert.ToBase64String(refusal.ResponseBytes), failed.ResponseData); // knativeerrordata: the topic's answer
    }

    [Fact]
    public async Task A_broker_subscriber_that_refuses_the_events_fails_the_attempt_with_its_answer_not_to_be_retried_and_is_handed_one_hop_less()
    {
        string toBroker = Manifests.BrokerAndTrigger("{ ref: { apiVersion: eventing.knative.dev/v1, kind: Broker, name: next } }") + """
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Broker
            metadata: { name: next }
            """;
        var refusal = new StepFailedException("The Event Grid topic of Broker 'next' answered 400 (BadRequest)", 400) { ResponseBytes = "{\"error\":{}}"u8.ToArray() };
        var publisher = new RecordingPublisher { Failure = refusal };
        using ServiceProvider services = Manifests.Provider(toBroker, s => s.AddSingleton<IBrokerPublisher>(publisher));
        RunEvent item = new(CloudEventJson.Encode(Events.Json("""{"message": "m"}""", id: "e-1")), brokerTtl: 9);

        DeliveryResult failed = Assert.Single(await services.GetRequiredService<SubscriberActivity>().DeliverAsync(new TriggerRun("t", [item]), client: null!, CancellationToken.None));

        Assert.Equal(("next", 8), (publisher.Broker, BrokerTtl.Get(Assert.Single(publisher.Events!))));
        Assert.Equal((false, 400, false), (failed.Succeeded, failed.StatusCode, failed.Retryable)); // dead-lettered at once by the Trigger's delivery
        Assert.Equal((refusal.Message, Convert.ToBase64String(refusal.ResponseBytes)), (failed.Error, failed.ResponseData));
    }

    private static async Task<DeliveryResult[]> DeliverAsync(RecordingPublisher publisher)
    {
        using ServiceProvider services = Manifests.Provider(Yaml, s => s.AddSingleton<IBrokerPublisher>(publisher));
        RunEvent item = new(CloudEventJson.Encode(Events.Json("""{"message": "m"}""", id: "e-1")));
        return await services.GetRequiredService<SubscriberActivity>().DeliverAsync(new TriggerRun("t", [item]), client: null!, CancellationToken.None);
    }

    /// <summary>Records the publish of the replies and what it was given to cancel it; throws <see cref="Failure"/> if set.</summary>
    private sealed class RecordingPublisher : IBrokerPublisher
    {
        public Exception? Failure { get; init; }

        public string? Broker { get; private set; }

        public CancellationToken Token { get; private set; }

        public IReadOnlyList<CloudEvent>? Events { get; private set; }

        public Task PublishAsync(DurableTaskClient client, string broker, IReadOnlyList<CloudEvent> events, EventOrigin origin, CancellationToken cancellationToken)
        {
            (Broker, Token, Events) = (broker, cancellationToken, events);
            return Failure is null ? Task.CompletedTask : Task.FromException(Failure);
        }
    }
}
