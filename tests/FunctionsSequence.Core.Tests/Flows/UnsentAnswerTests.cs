using System.Net;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Flows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Tests.Flows;

/// <summary>
/// A hop that answers 2xx with an invalid CloudEvent: where the answer goes on (a next step, a reply) the attempt fails
/// with a 502 Knative does not retry; where it goes nowhere (a Sequence's last step or a branch's subscriber with no
/// reply) Knative's dispatcher reads no answer, so the event is through, the answer read as none, with a warning. A
/// valid answer there is not carried either, whatever it weighs: the result only says an event came.
/// </summary>
public sealed class UnsentAnswerTests : IDisposable
{
    private const string Step = "http://step.local/in";

    private readonly LogLines log = new();

    public void Dispose() => log.Dispose();

    [Fact]
    public async Task The_last_step_of_a_Sequence_with_no_reply_is_through_and_its_answer_read_as_none()
    {
        DeliveryResult result = await RunAsync(Sequence(steps: 1, reply: null), Hop.Step("seq", 0), "u-1");

        Assert.True(result.Succeeded);
        Assert.Null(result.Event);
        (LogLevel level, int eventId, string text) = Assert.Single(log.Entries, e => e.EventId == 1411);
        Assert.Equal(LogLevel.Warning, level);
        Assert.StartsWith(
            $"Sequence seq step 0: event u-1: the answer is read as no event, as the flow has no reply to send it to (Knative reads no answer there): POST {Step} replied with an invalid CloudEvent: Missing required header",
            text,
            StringComparison.Ordinal);
        Assert.Contains("ce-type", text, StringComparison.Ordinal);
        Assert.False(result.AnsweredNowhere);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4_000_000)] // over the 3 MB an event may weigh between hops: it goes to no hop
    public async Task A_valid_answer_of_the_last_step_of_a_Sequence_with_no_reply_is_not_carried(int dataBytes)
    {
        DeliveryResult result = await RunAsync(Sequence(steps: 1, reply: null), Hop.Step("seq", 0), "u-5", new ValidAnswers(new string('x', dataBytes)));

        Assert.Equal((true, null, true), (result.Succeeded, result.Event, result.AnsweredNowhere));
        Assert.DoesNotContain(log.Entries, e => e.EventId is 1402 or 1411); // no "returned no event" line, no warning
    }

    [Fact]
    public async Task The_last_step_of_a_Sequence_with_a_reply_fails_with_a_502_not_retried()
    {
        DeliveryResult result = await RunAsync(Sequence(steps: 1, reply: "{ uri: \"http://reply.local/in\" }"), Hop.Step("seq", 0), "u-2");

        Assert.Equal((false, 502, false), (result.Succeeded, result.StatusCode, result.Retryable));
        Assert.DoesNotContain(log.Entries, e => e.EventId == 1411);
    }

    [Fact]
    public async Task A_step_before_the_last_fails_with_a_502_not_retried()
    {
        DeliveryResult result = await RunAsync(Sequence(steps: 2, reply: null), Hop.Step("seq", 0), "u-3");

        Assert.Equal((false, 502, false), (result.Succeeded, result.StatusCode, result.Retryable));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("{ uri: \"http://reply.local/in\" }", false)]
    public async Task A_Parallel_branch_subscriber_is_through_only_where_neither_branch_nor_Parallel_replies(string? reply, bool through)
    {
        string yaml = $$"""
            apiVersion: flows.knative.dev/v1
            kind: Parallel
            metadata: { name: par }
            spec:
              branches:
                - subscriber: { uri: "{{Step}}" }
            {{(reply is null ? string.Empty : $"  reply: {reply}")}}
            """;

        DeliveryResult result = await RunAsync(yaml, Hop.Branch("par", 0), "u-4");

        Assert.Equal(through, result.Succeeded);
    }

    private static string Sequence(int steps, string? reply) => $$"""
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: seq }
        spec:
          steps:
        {{string.Concat(Enumerable.Repeat($"    - uri: \"{Step}\"\n", steps))}}
        """ + (reply is null ? string.Empty : $"  reply: {reply}\n");

    private async Task<DeliveryResult> RunAsync(string yaml, Hop hop, string id, HttpMessageHandler? step = null)
    {
        using ServiceProvider services = FlowServices.Build(log, yaml, http: step ?? new InvalidAnswers(id));
        string input = CloudEventJson.Encode(Events.Json("""{"message": "m"}""", id: id));
        return Assert.Single(await services.GetRequiredService<HopActivities>().RunStepAsync(new StepInput(hop, [new RunEvent(input)]), client: null!));
    }

    /// <summary>Answers every request 200 with a binary-mode CloudEvent whose data is <paramref name="data"/>.</summary>
    private sealed class ValidAnswers(string data) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(data) };
            response.Headers.Add("ce-specversion", "1.0");
            response.Headers.Add("ce-id", "answer-1");
            response.Headers.Add("ce-source", "/answer");
            response.Headers.Add("ce-type", "answer.type");
            return Task.FromResult(response);
        }
    }

    /// <summary>Answers every request 200 with a binary-mode CloudEvent <paramref name="id"/> that has no type.</summary>
    private sealed class InvalidAnswers(string id) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
            response.Headers.Add("ce-specversion", "1.0");
            response.Headers.Add("ce-id", id);
            response.Headers.Add("ce-source", "/answer");
            return Task.FromResult(response);
        }
    }
}
