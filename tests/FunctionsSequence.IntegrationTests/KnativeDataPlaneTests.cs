using System.Net;
using System.Text;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// knative/eventing's data-plane conformance features (test/rekt/features/broker/data_plane.go and feature.go,
/// channel/data_plane.go for a Sequence's or Parallel's ingress, sequence/feature.go, parallel/features.go),
/// ported to a running fseq: each test names the Knative function it follows.
/// </summary>
public sealed partial class KnativeDataPlaneTests(KnativeDataPlaneFixture knative) : IClassFixture<KnativeDataPlaneFixture>
{
    private static readonly string[] Routes = ["/api/sequences/one-step", "/api/parallels/both-filters-pass", "/api/brokers/rekt"];

    public static TheoryData<string, string> RoutesAndContentTypes() => new()
    {
        { Routes[0], "application/vnd.apache.thrift.binary" }, { Routes[0], "application/xml" }, { Routes[0], "application/json" },
        { Routes[1], "application/vnd.apache.thrift.binary" }, { Routes[1], "application/xml" }, { Routes[1], "application/json" },
        { Routes[2], "application/vnd.apache.thrift.binary" }, { Routes[2], "application/xml" }, { Routes[2], "application/json" },
    };

    public static TheoryData<string, string> RoutesAndRequiredHeaders() => new()
    {
        { Routes[0], "ce-specversion" }, { Routes[0], "ce-type" }, { Routes[0], "ce-source" }, { Routes[0], "ce-id" },
        { Routes[1], "ce-specversion" }, { Routes[1], "ce-type" }, { Routes[1], "ce-source" }, { Routes[1], "ce-id" },
        { Routes[2], "ce-specversion" }, { Routes[2], "ce-type" }, { Routes[2], "ce-source" }, { Routes[2], "ce-id" },
    };

    public static TheoryData<string> AllRoutes() => new(Routes);

    private static string NewId() => "kn-" + Guid.NewGuid().ToString("N");

    /// <summary>A binary-mode request as eventshub's InputHeader and InputBody options write one.</summary>
    private static HttpRequestMessage Binary(string route, Dictionary<string, string> headers, string body = "{}", string? contentType = null, string method = "POST")
    {
        var request = new HttpRequestMessage(new HttpMethod(method), route) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        foreach ((string name, string value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private static Dictionary<string, string> Required(string id, string type = "sometype", string source = "200.request.sender.test.knative.dev") =>
        new() { ["ce-specversion"] = "1.0", ["ce-type"] = type, ["ce-source"] = source, ["ce-id"] = id };

    private async Task<HttpStatusCode> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using HttpResponseMessage response = await knative.Http.SendAsync(request);
            return response.StatusCode;
        }
    }

    [Theory] // broker/data_plane.go brokerAcceptsBinaryContentMode; channel/data_plane.go channelAcceptsBinaryContentMode
    [MemberData(nameof(RoutesAndContentTypes))]
    public async Task Binary_mode_is_accepted_whatever_the_data_content_type(string route, string contentType)
    {
        HttpStatusCode status = await SendAsync(Binary(route, Required(NewId()), "{}", contentType));

        Assert.Equal(route.Contains("brokers", StringComparison.Ordinal) ? HttpStatusCode.OK : HttpStatusCode.Accepted, status);
    }

    [Theory] // broker/data_plane.go brokerAcceptsStructuredContentMode; channel/data_plane.go channelAcceptsStructuredContentMode
    [MemberData(nameof(AllRoutes))]
    public async Task Structured_mode_is_accepted(string route)
    {
        string body = $$"""
            { "specversion" : "1.0", "type" : "sometype", "source" : "json.request.sender.test.knative.dev", "id" : "{{NewId()}}",
              "time" : "2020-07-06T09:23:12Z", "datacontenttype" : "application/json", "data" : { "message" : "helloworld" } }
            """;

        HttpStatusCode status = await SendAsync(Binary(route, [], body, "application/cloudevents+json"));

        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{status}");
    }

    [Theory] // channel/data_plane.go channelRejectsMalformedCE (the broker's skips ce-type, ce-source and ce-id: knative/eventing#5143)
    [MemberData(nameof(RoutesAndRequiredHeaders))]
    public async Task A_binary_event_without_a_required_header_is_400(string route, string missing)
    {
        Dictionary<string, string> headers = Required(NewId(), source: "conformancetest.request.sender.test.knative.dev");
        headers.Remove(missing);

        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(Binary(route, headers)));
    }

    [Theory] // broker/data_plane.go brokerRejectsUnknownCEVersion, brokerRejectsGetRequest
    [MemberData(nameof(AllRoutes))]
    public async Task Specversion_19_0_is_400_and_a_get_is_405(string route)
    {
        Dictionary<string, string> unknown = Required(NewId(), source: "400.request.sender.test.knative.dev");
        unknown["ce-specversion"] = "19.0";

        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(Binary(route, unknown)));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, await SendAsync(Binary(route, Required(NewId()), method: "GET")));
    }

    [Theory] // channel/data_plane.go "Output": attributes and data received identical; broker/data_plane.go addDataPlaneDelivery, likewise
    [InlineData("/api/sequences/one-step", "/sink/one-step")]
    [InlineData("/api/parallels/both-filters-pass", "/drop/both-filter1")]
    [InlineData("/api/parallels/both-filters-pass", "/append/both-subscriber2")]
    [InlineData("/api/brokers/rekt", "/sink/all")]
    public async Task Sdk_go_full_event_reaches_the_first_hop_with_every_attribute_extension_and_its_data(string route, string hop)
    {
        // cloudevents/sdk-go v2/test.FullEvent(), in binary mode as eventshub sends it.
        string id = NewId();
        var sent = new Dictionary<string, string>
        {
            ["ce-specversion"] = "1.0", ["ce-type"] = "com.example.FullEvent", ["ce-source"] = "http://example.com/source", ["ce-id"] = id,
            ["ce-time"] = "2020-03-21T12:34:56.78Z", ["ce-dataschema"] = "http://example.com/schema", ["ce-subject"] = "topic", ["ce-exbool"] = "true", ["ce-exint"] = "42",
            ["ce-exstring"] = "exstring", ["ce-exbinary"] = "AAECAw==", ["ce-exurl"] = "http://example.com/source", ["ce-extime"] = "2020-03-21T12:34:56.78Z",
        };

        Assert.True((await SendAsync(Binary(route, sent, "\"hello\"", "text/json"))) is HttpStatusCode.OK or HttpStatusCode.Accepted);

        (Dictionary<string, string> received, string body) = Assert.Single(await knative.WaitAtAsync(hop, id));
        Assert.Equal("\"hello\"", body);
        Assert.Equal("text/json", received["content-type"]);
        Assert.Equal("reply", received["prefer"]); // kncloudevents/event_dispatcher.go: "Prefer: reply" to every destination
        Assert.All(sent.Where(h => h.Key != "ce-time"), h => Assert.Equal(h.Value, received.GetValueOrDefault(h.Key)));
        // The same instant; the text differs (fseq writes 56.780Z, Knative's SDK 56.78Z: UTC, RFC 3339 with nanoseconds).
        Assert.Equal(DateTimeOffset.Parse(sent["ce-time"], System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(received["ce-time"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory] // sdk-go event/eventcontext_v1.go SetExtension: a structured event's extension names are lowered, not refused
    [InlineData("/api/sequences/one-step", "/sink/one-step")]
    [InlineData("/api/brokers/rekt", "/sink/all")]
    public async Task A_structured_events_extension_named_in_upper_case_reaches_the_first_hop_lowered(string route, string hop)
    {
        string id = NewId();
        string body = $$"""{ "specversion": "1.0", "type": "t", "source": "urn:upper", "id": "{{id}}", "MyExt": "v", "data": { "Key": 1 } }""";

        Assert.True((await SendAsync(Binary(route, [], body, "application/cloudevents+json"))) is HttpStatusCode.OK or HttpStatusCode.Accepted);

        (Dictionary<string, string> received, string data) = Assert.Single(await knative.WaitAtAsync(hop, id));
        Assert.Equal("v", received["ce-myext"]);
        Assert.Equal("""{ "Key": 1 }""", data);
    }

    [Theory] // channel/data_plane.go: "MUST ... pass through all tracing information ... using W3C Tracecontext"; broker/data_plane.go: SHOULD preserve it
    [InlineData("/api/sequences/one-step", "/sink/one-step")]
    [InlineData("/api/brokers/rekt", "/sink/all")]
    public async Task The_senders_w3c_trace_context_reaches_the_first_hop_with_no_tracing_configured(string route, string hop)
    {
        string id = NewId();
        Dictionary<string, string> headers = Required(id);
        headers["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        headers["tracestate"] = "congo=t61rcWkgMzE";

        Assert.True((await SendAsync(Binary(route, headers, "{}", "application/json"))) is HttpStatusCode.OK or HttpStatusCode.Accepted);

        (Dictionary<string, string> received, _) = Assert.Single(await knative.WaitAtAsync(hop, id));
        Assert.Equal(headers["traceparent"], received.GetValueOrDefault("traceparent"));
        Assert.Equal(headers["tracestate"], received.GetValueOrDefault("tracestate"));
    }

    [Fact]
    public async Task A_malformed_w3c_trace_header_is_not_taken_onto_the_event()
    {
        string id = NewId();
        Dictionary<string, string> headers = Required(id);
        headers["traceparent"] = "00-not-a-trace";

        Assert.Equal(HttpStatusCode.Accepted, await SendAsync(Binary("/api/sequences/one-step", headers, "{}", "application/json")));

        (Dictionary<string, string> received, _) = Assert.Single(await knative.WaitAtAsync("/sink/one-step", id));
        Assert.False(received.ContainsKey("traceparent"));
        Assert.False(received.ContainsKey("ce-traceparent"));
    }

    [Fact] // sequence/feature.go SequenceTest: three appending steps, then the reply
    public async Task A_sequence_runs_its_steps_in_order_and_its_reply_gets_the_last_answer()
    {
        string id = NewId();
        Dictionary<string, string> ping = Required(id, "dev.knative.sources.ping", "/apis/v1/namespaces/default/pingsources/source");

        Assert.Equal(HttpStatusCode.Accepted, await SendAsync(Binary("/api/sequences/three-steps", ping, "TestSequence 1", "text/plain")));

        (Dictionary<string, string> headers, string body) = Assert.Single(await knative.WaitAtAsync("/sink/sequence-sink", id));
        Assert.Equal("TestSequence 1-step1-step2-step3", body);
        Assert.Equal("dev.knative.sources.ping", headers["ce-type"]);
        Assert.StartsWith("text/plain", headers["content-type"], StringComparison.Ordinal);
        Assert.Equal("TestSequence 1-step1", Assert.Single(knative.At("/append/step2", id)).Body);
        Assert.Equal("TestSequence 1-step1-step2", Assert.Single(knative.At("/append/step3", id)).Body);

        // channel/features.go: each subscriber gets the Kn-Namespace of the Sequence's subscriptions; only steps are asked for a reply.
        Assert.All(["/append/step1", "/append/step2", "/append/step3"], step =>
            Assert.Equal(("rekt-sequence", "reply"), (knative.At(step, id)[0].Headers["kn-namespace"], knative.At(step, id)[0].Headers["prefer"])));
        Assert.Equal(("rekt-sequence", null), (headers["kn-namespace"], headers.GetValueOrDefault("prefer")));
    }

    [Fact] // parallel/features.go ParallelWithTwoBranches: filter 1 answers an event, filter 2 nothing
    public async Task A_parallel_branch_runs_only_when_its_filter_answers_with_an_event()
    {
        Dictionary<string, string> headers = Required("CE0.3-" + NewId(), "myevent", "http://sender.svc/");

        Assert.Equal(HttpStatusCode.Accepted, await SendAsync(Binary("/api/parallels/one-filter-passes", headers, """{"msg":"test msg"}""", "application/json")));

        string id = headers["ce-id"];
        Assert.Equal("appended data", Assert.Single(await knative.WaitAtAsync("/sink/parallel-sink", id)).Body);
        Assert.Single(knative.At("/sink/filter2", id));
        Assert.Empty(knative.At("/append/subscriber2", id));
    }

    [Fact] // parallel/features.go ParallelWithTwoBranchesTLS (over http): both branches' answers reach the reply, with the event's id
    public async Task Both_branches_answers_reach_the_parallels_reply_with_the_events_id()
    {
        string id = NewId();

        Assert.Equal(HttpStatusCode.Accepted, await SendAsync(Binary("/api/parallels/both-filters-pass", Required(id), "\"hello\"", "text/json")));

        var bodies = (await knative.WaitAtAsync("/sink/both-sink", id, 2)).Select(r => r.Body).Order(StringComparer.Ordinal);
        Assert.Equal(["helloappended data 1", "helloappended data 2"], bodies);
    }

    [Theory] // kncloudevents/event_dispatcher.go executeRequest: "Response is a non event, discard it"
    [InlineData("/api/parallels/plain-answers", "/plain/branch", "plain-branch")]
    [InlineData("/api/sequences/plain-answers", "/plain/step", "plain-step")]
    public async Task A_branch_or_step_answering_a_body_that_is_no_event_ends_its_chain_without_a_retry_or_a_dead_letter(string route, string subscriber, string sinks)
    {
        string id = NewId();

        Assert.Equal(HttpStatusCode.Accepted, await SendAsync(Binary(route, Required(id), """{"msg":"m"}""", "application/json")));

        Assert.Single(await knative.WaitAtAsync(subscriber, id));
        await Task.Delay(TimeSpan.FromSeconds(2)); // a retry would come 0.1 s after
        Assert.Single(knative.At(subscriber, id));
        Assert.Empty(knative.At($"/sink/{sinks}-dls", id));
        Assert.Empty(knative.At($"/sink/{sinks}-reply", id));
    }

    [Theory] // channel/data_plane.go addControlPlaneDelivery, "Delivery Spec 1" (sub4's reply failing twice: see docs/reliability.md)
    [InlineData("sub1", 0)] // fails once, answers nothing
    [InlineData("sub2", 1)] // fails once, answers; the reply takes it
    [InlineData("sub3", 2)] // fails once, answers; the reply fails once, then takes it
    public async Task A_step_failing_once_is_retried_and_its_answer_reaches_the_reply(string prefix, int replyRequests)
    {
        string id = NewId();

        Assert.Equal(HttpStatusCode.Accepted, await SendAsync(Binary($"/api/sequences/{prefix}", Required(id), "{}", "application/json")));

        Assert.Equal(2, (await knative.WaitAtAsync($"/drop/{prefix}sub", id, 2)).Count);
        if (replyRequests > 0)
        {
            await knative.WaitAtAsync($"/drop/{prefix}reply", id, replyRequests);
        }

        Assert.Equal(replyRequests, knative.At($"/drop/{prefix}reply", id).Count);
        Assert.Empty(knative.At($"/sink/{prefix}dlq", id));
    }
}
