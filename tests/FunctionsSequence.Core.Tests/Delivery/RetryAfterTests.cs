using System.Net;
using System.Text.Json;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Sequences;
using FunctionsSequence.Core.Steps;
using FunctionsSequence.Core.Tests.Flows;

namespace FunctionsSequence.Core.Tests.Delivery;

/// <summary>
/// <c>delivery.retryAfterMax</c>, as Knative's dispatcher honours it with delivery-retryafter on: after a 429 or 503
/// with <c>Retry-After</c>, the next retry waits the longer of the back-off and what was asked, capped at retryAfterMax.
/// </summary>
public sealed class RetryAfterTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static DeliveryResult Asked(int status, int seconds) =>
        DeliveryResult.Failure(status, retryable: true, $"answered {status}") with { RetryAfter = TimeSpan.FromSeconds(seconds) };

    [Theory]
    [InlineData(429, 3, 10, 3)] // asked for longer than the back-off: waits what was asked
    [InlineData(503, 30, 10, 10)] // capped at retryAfterMax
    [InlineData(503, 30, 0, 1)] // retryAfterMax PT0S: Retry-After ignored
    [InlineData(429, 0, 10, 1)] // asked for less than the back-off: the back-off
    [InlineData(500, 30, 10, 1)] // only 429 and 503 count
    [InlineData(429, 30, null, 1)] // no retryAfterMax: ignored, as Knative does while the feature is opt-in
    public void The_wait_is_the_longer_of_the_backoff_and_the_capped_retry_after(int status, int seconds, int? maxSeconds, int waited)
    {
        var delivery = new DeliverySpec(3, BackoffPolicy.Linear, Second, RetryAfterMax: maxSeconds is null ? null : TimeSpan.FromSeconds(maxSeconds.Value));

        Assert.Equal(TimeSpan.FromSeconds(waited), DeliveryPolicy.Backoff(delivery, 1, [Asked(status, seconds)]));
    }

    [Fact]
    public void Events_retried_together_wait_for_the_longest_ask()
    {
        var delivery = new DeliverySpec(3, BackoffPolicy.Linear, Second, RetryAfterMax: TimeSpan.FromMinutes(1));

        Assert.Equal(TimeSpan.FromSeconds(7), DeliveryPolicy.Backoff(delivery, 0, [Asked(503, 2), DeliveryResult.Failure(500, true, "x"), Asked(429, 7)]));
    }

    [Fact]
    public async Task A_step_that_answers_429_with_retry_after_is_retried_when_it_asked_within_retry_after_max()
    {
        ManifestSet manifests = new ManifestLoader().LoadText(
            """
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata: { name: orders }
            spec:
              steps:
                - uri: http://step-0.local/
                  delivery: { retry: 2, backoffPolicy: linear, backoffDelay: PT1S, retryAfterMax: PT20S }
            """,
            "orders.yaml").EnsureValid();
        var hops = new RecordingHops((_, _, attempt) => attempt switch
        {
            1 => Asked(429, 60),
            2 => Asked(503, 5),
            _ => DeliveryResult.Success(null),
        });
        string input = CloudEventJson.Encode(new CloudEvent { Id = "e-1", Source = new Uri("/test", UriKind.Relative), Type = "test" });

        await SequencePipeline.RunAsync(manifests, new SequenceRun("orders", [new RunEvent(input)]), hops);

        Assert.Equal([TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(5)], hops.Waits);
    }

    [Theory]
    [InlineData("7", 7)]
    [InlineData(null, null)]
    public async Task An_http_steps_failure_carries_its_retry_after_into_the_result(string? header, int? seconds)
    {
        var answer = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("slow down") };
        if (header is not null)
        {
            answer.Headers.TryAddWithoutValidation("Retry-After", header);
        }

        using var http = new HttpClient(new Answering(answer));
        var step = new HttpStep(http, new Uri("http://step.local/"));
        CloudEvent input = Events.Json("{}");

        DeliveryResult result = await DeliveryAttempt.RunAsync(token => step.InvokeAsync(input, new StepContext("step", new Dictionary<string, string>()), token), null, default);

        Assert.Equal((429, seconds is null ? (TimeSpan?)null : TimeSpan.FromSeconds(seconds.Value)), (result.StatusCode, result.RetryAfter));
        Assert.Equal(result, JsonSerializer.Deserialize<DeliveryResult>(JsonSerializer.Serialize(result)));
    }

    private sealed class Answering(HttpResponseMessage answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(answer);
    }
}
