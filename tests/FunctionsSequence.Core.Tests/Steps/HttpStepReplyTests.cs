using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Ingress;
using FunctionsSequence.Core.Steps;
using FunctionsSequence.Core.Tests.Ingress;

namespace FunctionsSequence.Core.Tests.Steps;

/// <summary>
/// A step's reply is read as the ingress reads a request: a valid event goes on, one that claims to
/// be a CloudEvent but is not is a failed delivery (502, retried) refused in the ingress's very
/// words, and a reply that claims nothing ends the chain (or, from a subscriber, fails with 502).
/// </summary>
public sealed class HttpStepReplyTests
{
    private const string Structured = "application/cloudevents+json";
    private const string NoType = """{"specversion":"1.0","id":"r-1","source":"/step"}""";
    private const string Good = """{"specversion":"1.0","id":"r-1","source":"/step","type":"t","data":{"message":"ok"}}""";

    private static readonly StepContext Context = new("step", new Dictionary<string, string>());

    private static CloudEvent Input => new() { Id = "in-1", Source = new Uri("/test", UriKind.Relative), Type = "t" };

    private static Task<CloudEvent?> Invoke(HttpResponseMessage reply, AnswerUse answer = AnswerUse.Output) =>
        new HttpStep(new HttpClient(new Answering(reply)), new Uri("http://step.local/reply?code=secret")).InvokeAsync(Input, Context with { Answer = answer }, default).AsTask();

    private static HttpResponseMessage Reply(byte[] body, string? contentType, params (string Name, string Value)[] headers)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        foreach ((string name, string value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    private static HttpResponseMessage Reply(string body, string? contentType, params (string Name, string Value)[] headers) =>
        Reply(Encoding.UTF8.GetBytes(body), contentType, headers);

    /// <summary>What the ingress answers for the same body and headers.</summary>
    private static async Task<string> IngressDetail(string body, string? contentType, params (string Name, string Value)[] headers) =>
        (await CloudEventHttpReader.ReadAsync(IngressRequests.Post(body, contentType, headers))).Problem!.Detail;

    public static TheoryData<string, string?, (string, string)[]> Invalid() => new()
    {
        { NoType, Structured, [] },
        { """{"specversion":"1.0","id":"r-1","source":"/step","type":"t","time":"yesterday"}""", Structured, [] },
        { "{not json", Structured + "; charset=utf-8", [] },
        { Good, Structured + "; charset=klingon", [] },
        { "{}", "application/json", [("ce-specversion", "1.0"), ("ce-id", "r-1"), ("ce-source", "/step")] },
        // A version Knative forwards and this runtime cannot read: refused loudly, not dropped.
        { "{}", "application/json", [("ce-specversion", "0.3"), ("ce-id", "r-1"), ("ce-source", "/step"), ("ce-type", "t")] },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task An_invalid_reply_fails_the_step_with_the_ingress_words_for_the_same_message(string body, string? contentType, (string, string)[] headers)
    {
        foreach (AnswerUse answer in new[] { AnswerUse.Output, AnswerUse.Subscriber })
        {
            var error = await Assert.ThrowsAsync<StepFailedException>(() => Invoke(Reply(body, contentType, headers), answer));

            Assert.Equal($"POST http://step.local/reply replied with an invalid CloudEvent: {await IngressDetail(body, contentType, headers)}", error.Message);
            Assert.Equal(502, error.StatusCode);
            Assert.Equal(answer == AnswerUse.Subscriber, error.Retryable); // Knative's broker filter answers 502; a channel refuses it with 400
            Assert.Equal(Encoding.UTF8.GetBytes(body), error.ResponseBytes); // the reply as it came, for knativeerrordata
        }
    }

    [Fact]
    public async Task A_failed_answers_body_is_kept_as_its_bytes_came_up_to_what_knativeerrordata_holds()
    {
        byte[] body = [.. Enumerable.Range(0, 1000).Select(i => (byte)i)]; // not UTF-8: 0x80 and above alone
        HttpResponseMessage answer = Reply(body, "application/octet-stream");
        answer.StatusCode = HttpStatusCode.InternalServerError;

        var error = await Assert.ThrowsAsync<StepFailedException>(() => Invoke(answer));

        Assert.Equal(500, error.StatusCode);
        Assert.Equal(body[..768], error.ResponseBytes);
        Assert.Null(error.ResponseBody);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task The_answer_of_a_reply_a_dead_letter_sink_or_a_source_sink_is_not_read_as_Knative_reads_none(string body, string? contentType, (string, string)[] headers)
    {
        Assert.Null(await Invoke(Reply(body, contentType, headers), AnswerUse.Ignored));
        Assert.Null(await Invoke(Reply(Good, Structured), AnswerUse.Ignored));
        Assert.Null(await Invoke(Reply("OK", "text/plain"), AnswerUse.Ignored));
    }

    [Fact]
    public async Task A_structured_reply_missing_its_type_says_which_event_and_what()
    {
        var error = await Assert.ThrowsAsync<StepFailedException>(() => Invoke(Reply(NoType, Structured)));

        Assert.EndsWith("replied with an invalid CloudEvent: The event (id \"r-1\"): missing required attribute 'type'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_structured_reply_is_the_output_with_json_data()
    {
        CloudEvent output = (await Invoke(Reply(Good, Structured)))!;

        Assert.Equal(("r-1", "t"), (output.Id, output.Type));
        Assert.Equal("ok", ((JsonElement)output.Data!).GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_structured_reply_in_another_charset_or_with_a_byte_order_mark_is_read_from_its_charset()
    {
        CloudEvent fromUtf16 = (await Invoke(Reply(Encoding.Unicode.GetBytes(Good), Structured + "; charset=utf-16")))!;
        CloudEvent fromBom = (await Invoke(Reply([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Good)], Structured)))!;
        CloudEvent fromUpperCase = (await Invoke(Reply(Good, "Application/CloudEvents+JSON; charset=UTF-8")))!;

        Assert.Equal(("r-1", "r-1", "r-1"), (fromUtf16.Id, fromBom.Id, fromUpperCase.Id));
    }

    [Fact]
    public async Task A_binary_reply_is_the_output()
    {
        CloudEvent output = (await Invoke(Reply("""{"message":"ok"}""", "application/json", ("ce-specversion", "1.0"), ("ce-id", "r-2"), ("ce-source", "/step"), ("ce-type", "t"))))!;

        Assert.Equal("r-2", output.Id);
        Assert.Equal("ok", ((JsonElement)output.Data!).GetProperty("message").GetString());
    }

    [Theory]
    [InlineData(Structured)]
    [InlineData("application/cloudevents-batch+json")]
    [InlineData(null)]
    public async Task An_empty_reply_ends_the_chain_whatever_its_type(string? contentType)
    {
        Assert.Null(await Invoke(Reply([], contentType)));
        Assert.Null(await Invoke(Reply([], contentType), AnswerUse.Subscriber));
    }

    public static TheoryData<string, string?, (string, string)[]> ClaimingNothing() => new()
    {
        { "just text", "text/plain", [] },
        // As Knative's dispatcher: without a ce-specversion it knows, a reply's encoding is unknown, whatever other ce-* headers it has.
        { "{}", "application/json", [("ce-id", "r-1"), ("ce-source", "/step"), ("ce-type", "t")] },
        { "{}", "application/json", [("ce-specversion", "9.9"), ("ce-id", "r-1"), ("ce-source", "/step"), ("ce-type", "t")] },
    };

    [Theory]
    [MemberData(nameof(ClaimingNothing))]
    public async Task A_reply_that_claims_no_cloudevent_ends_a_sequences_chain_and_fails_a_subscriber(string body, string? contentType, (string, string)[] headers)
    {
        Assert.Null(await Invoke(Reply(body, contentType, headers)));

        var error = await Assert.ThrowsAsync<StepFailedException>(() => Invoke(Reply(body, contentType, headers), AnswerUse.Subscriber));
        Assert.Equal(("POST http://step.local/reply replied with a body that is not a CloudEvent", 502, true), (error.Message, error.StatusCode, error.Retryable));
    }

    [Fact]
    public async Task A_batch_reply_is_refused_as_a_reply_is_one_event()
    {
        var error = await Assert.ThrowsAsync<StepFailedException>(() => Invoke(Reply($"[{Good}]", "application/cloudevents-batch+json")));

        Assert.Equal(
            "POST http://step.local/reply replied with an invalid CloudEvent: A reply is one event, in binary or structured mode, not a batch (application/cloudevents-batch+json).",
            error.Message);
    }

    private sealed class Answering(HttpResponseMessage reply) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(reply);
    }
}
