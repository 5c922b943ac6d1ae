using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSequence.Core.Tests.Broker;

/// <summary>
/// A Trigger whose subscriber is a Sequence hands the run's events over in one call, an attempt like any other: a start
/// the task hub does not take fails the attempt, for the Trigger's delivery to retry and dead-letter, rather than the run.
/// </summary>
public sealed class SubscriberHandOverTests
{
    private static readonly string Yaml =
        Manifests.OneStepSequence() + "---\n" + Manifests.BrokerAndTrigger("{ ref: { apiVersion: flows.knative.dev/v1, kind: Sequence, name: seq } }");

    [Fact]
    public async Task The_events_start_one_run_of_the_sequence_with_their_counters()
    {
        var client = new FakeDurableClient();

        DeliveryResult[] results = await DeliverAsync(client, ("e-1", 7), ("e-2", null));

        Assert.All(results, r => Assert.True(r.Succeeded));
        (string name, object? input, _) = Assert.Single(client.Scheduled);
        Assert.Equal(TaskNames.SequenceOrchestrator, name);
        SequenceRun run = Assert.IsType<SequenceRun>(input);
        Assert.Equal(["e-1", "e-2"], run.Events.Select(e => CloudEventJson.Decode(e.Event.Json).Id));
        Assert.Equal([7, BrokerTtl.Default], run.Events.Select(e => e.BrokerTtl));
    }

    [Fact]
    public async Task A_start_the_task_hub_does_not_take_fails_the_attempt_to_be_retried_not_the_run()
    {
        var client = new FakeDurableClient { Failure = new InvalidOperationException("task hub out of reach") };

        DeliveryResult[] results = await DeliverAsync(client, ("e-1", null), ("e-2", null));

        Assert.All(results, r => Assert.Equal((false, 500, true, "InvalidOperationException: task hub out of reach"), (r.Succeeded, r.StatusCode, r.Retryable, r.Error)));
    }

    [Fact]
    public async Task A_start_that_outlasts_the_deliverys_timeout_fails_the_attempt()
    {
        string yaml = Manifests.OneStepSequence() + "---\n"
            + Manifests.BrokerAndTrigger("{ ref: { apiVersion: flows.knative.dev/v1, kind: Sequence, name: seq } }", "{ timeout: PT0.2S }");
        var client = new FakeDurableClient { Hold = new TaskCompletionSource() };

        // Bounded, so that a hand-over the timeout does not cut short fails the test rather than hanging it.
        DeliveryResult failed = Assert.Single(await DeliverAsync(client, yaml, ("e-1", null)).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal((false, 0, true, "timed out after 0.2 s (the per-attempt timeout)"), (failed.Succeeded, failed.StatusCode, failed.Retryable, failed.Error));
        client.Hold.SetResult();
    }

    private static Task<DeliveryResult[]> DeliverAsync(FakeDurableClient client, params (string Id, int? Ttl)[] events) =>
        DeliverAsync(client, Yaml, events);

    private static async Task<DeliveryResult[]> DeliverAsync(FakeDurableClient client, string yaml, params (string Id, int? Ttl)[] events)
    {
        using ServiceProvider services = Manifests.Provider(yaml);
        RunEvent[] items = [.. events.Select(e => new RunEvent(CloudEventJson.Encode(Events.Json("""{"message": "m"}""", id: e.Id)), e.Ttl))];
        return await services.GetRequiredService<SubscriberActivity>().DeliverAsync(new TriggerRun("t", items), client, CancellationToken.None);
    }
}
