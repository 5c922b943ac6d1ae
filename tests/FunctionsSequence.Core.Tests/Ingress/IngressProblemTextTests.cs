using System.Text;
using FunctionsSequence.Core.Ingress;

namespace FunctionsSequence.Core.Tests.Ingress;

/// <summary>
/// Every refusal of the reader says what is wrong, where (the body, which event of a batch and its
/// id, which header) and why, in sentences, with no .NET exception text.
/// </summary>
public sealed class IngressProblemTextTests
{
    private const string Structured = "application/cloudevents+json";
    private const string Batch = "application/cloudevents-batch+json";
    private const string Good = """{"specversion":"1.0","id":"a","source":"/t","type":"t"}""";

    public static TheoryData<string, string?, (string, string)[], string> Refused() => new()
    {
        {
            $$"""[{{Good}},{"specversion":"1.0","id":"x","source":"/t"}]""", Batch, [],
            "The event at index 1 of the batch (id \"x\"): missing required attribute 'type'. Nothing of the batch was accepted."
        },
        {
            """[{"specversion":"1.0","source":"/t","type":"t"}]""", Batch, [],
            "The event at index 0 of the batch: missing required attribute 'id'. Nothing of the batch was accepted."
        },
        {
            $$"""[{{Good}},7]""", Batch, [],
            "The event at index 1 of the batch: a structured-mode CloudEvent is a JSON object, not a number. Nothing of the batch was accepted."
        },
        {
            Good, Batch, [],
            "A batch is a JSON array of CloudEvents, and the body is an object. Nothing of the batch was accepted."
        },
        {
            """[{"specversion":"1.0","id":"a","source":"/t","type":"t",}]""", Batch, [],
            "The body is not valid JSON: unexpected '}' at line 1, column 57. Nothing of the batch was accepted."
        },
        {
            $$"""{"specversion":"1.0","id":"a","source":"/t","type":"t","data":{{new string('[', 64)}}{{new string(']', 64)}}}""", Structured, [],
            "The body's JSON nests deeper than 64 levels, the most this receiver reads."
        },
        { $$"""[{{Good}},{{new string('[', 64)}}{{new string(']', 64)}}]""", Batch, [], "The body's JSON nests deeper than 64 levels, the most this receiver reads. Nothing of the batch was accepted." },
        { " \n", Batch, [], "The body is empty; a batch is a JSON array of CloudEvents." },
        { "{not json", Structured, [], "The body is not valid JSON: unexpected 'n' at line 1, column 2." },
        { """{"specversion":"1.0","id":"a",""", Structured, [], "The body is not valid JSON: it ends at line 1, column 31 before the JSON is complete." },
        { "", Structured, [], "The body is empty; structured mode carries the event as a JSON object." },
        { """{"specversion":"1.0","source":"/t","type":"t"}""", Structured, [], "The event: missing required attribute 'id'." },
        {
            """{"specversion":"1.0","id":"a","source":"/t","type":"t","time":"yesterday"}""", Structured, [],
            "The event (id \"a\"): attribute 'time' is \"yesterday\", not an RFC 3339 timestamp such as \"2019-09-04T02:31:00Z\"."
        },
        {
            """[{"specversion":"1.0","id":"a","source":"/t","type":"t"},{"specversion":"1.0","id":"b","source":"1a:b","type":"t"}]""", Batch, [],
            "The event at index 1 of the batch (id \"b\"): attribute 'source' is \"1a:b\", not a URI reference. Nothing of the batch was accepted."
        },
        {
            "{}", "application/json", [("ce-specversion", "1.0"), ("ce-id", "1"), ("ce-source", "::not a uri"), ("ce-type", "t")],
            "Header ce-source is \"::not a uri\", not a URI reference."
        },
        {
            """{"specversion":"9000.1","id":"a","source":"/t","type":"t"}""", Structured, [],
            "The event (id \"a\"): attribute 'specversion' is \"9000.1\", and this receiver speaks CloudEvents 1.0 only."
        },
        { Good, Structured + "; charset", [], "The Content-Type header \"application/cloudevents+json; charset\" is not a valid media type." },
        { Good, Structured + "; charset=klingon", [], "The Content-Type header names charset \"klingon\", which this receiver does not know; send UTF-8." },
        {
            "{}", "application/json", [("ce-specversion", "9000.1"), ("ce-id", "1"), ("ce-source", "/t"), ("ce-type", "t")],
            "Header ce-specversion is \"9000.1\", and this receiver speaks CloudEvents 1.0 only."
        },
        {
            "{}", "application/json", [("ce-specversion", "1.0"), ("ce-id", "1")],
            "Missing required headers ce-source and ce-type."
        },
        {
            "{}", "application/json", [.. IngressRequests.BinaryHeaders, ("ce-time", "yesterday")],
            "Header ce-time is \"yesterday\", not an RFC 3339 timestamp such as \"2019-09-04T02:31:00Z\"."
        },
        {
            "{}", "application/json", [.. IngressRequests.BinaryHeaders, ("ce-Bad_Name", "x")],
            "Header ce-Bad_Name is not a valid attribute name: names are lowercase letters a-z and digits 0-9."
        },
        { "{}", "application/json", [.. IngressRequests.BinaryHeaders, ("ce-data", "x")], "Header ce-data uses 'data', a name CloudEvents reserves." },
        { "{}", "application/json", [("ce-specversion", "1.0"), ("ce-id", ""), ("ce-source", "/t"), ("ce-type", "t")], "Header ce-id must not be empty." },
        { "{}", "application/json", [("ce-id", "1"), ("ce-source", "/t"), ("ce-type", "t")], "Missing required header ce-specversion." },
        { "{}", "application/json", [("ce-specversion", "1.0"), ("ce-id", " "), ("ce-source", ""), ("ce-type", "\t")], "Headers ce-id, ce-source and ce-type must not be empty." },
        { "hi", "text/plain", [("CE-ID", "1"), ("ce-type", "")], "Missing required headers ce-specversion and ce-source; header ce-type must not be empty." },
        { "hi", "no type here", IngressRequests.BinaryHeaders, "Header Content-Type is \"no type here\", not a media type such as \"application/json\"." },
        {
            "", null, [],
            "The request has no Content-Type header and no ce-specversion header, so it is not a CloudEvent. Send binary mode " +
            "(ce-specversion, ce-id, ce-source and ce-type headers), structured mode (application/cloudevents+json) or batch mode (application/cloudevents-batch+json)."
        },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_refusal_says_what_where_and_why(string body, string? contentType, (string, string)[] headers, string expected)
    {
        var (events, problem) = await CloudEventHttpReader.ReadAsync(IngressRequests.Post(body, contentType, headers));

        Assert.Null(events);
        Assert.Equal(expected, problem!.Detail);
    }

    public static TheoryData<string, string, string> NotUtf8() => new()
    {
        { """{"specversion":"1.0","id":"a~","source":"/t","type":"t"}""", Structured, "The event: attribute 'id' is not valid UTF-8 text" },
        { """{"specversion":"1.0","id":"a","source":"/t~","type":"t"}""", Structured, "The event (id \"a\"): attribute 'source' is not valid UTF-8 text" },
        { $$"""[{{Good}},{"specversion":"1.0","id":"b","source":"/t","type":"t","ex~":"x"}]""", Batch, "The event at index 1 of the batch (id \"b\"): the name of one of its attributes is not valid UTF-8 text" },
        { """{"specversion":"1.~","id":"a","source":"/t","type":"t"}""", Structured, "The event (id \"a\"): attribute 'specversion' is not valid UTF-8 text" },
        { """{"specversion":"1.0","id":"a","source":"/t","type":"t","datacontenttype":"text/plain","data":"a~b"}""", Structured, "The event (id \"a\"): 'data' is not valid UTF-8 text" },
    };

    [Theory] // a byte that is no UTF-8 (0xFF, written here as '~' and swapped in) in an attribute was a 500 with .NET's "Cannot transcode"
    [MemberData(nameof(NotUtf8))]
    public async Task Bytes_that_are_not_utf8_in_an_attribute_are_refused_naming_it(string body, string contentType, string expected)
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes(body).Select(b => b == (byte)'~' ? (byte)0xFF : b)];

        var (events, problem) = await CloudEventHttpReader.ReadAsync(IngressRequests.Post(bytes, contentType));

        Assert.Null(events);
        Assert.Equal(400, problem!.Status);
        Assert.StartsWith(expected, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_names_its_first_three_bad_events_and_counts_the_others()
    {
        string bad = """{"specversion":"1.0","source":"/t","type":"t"}""";
        string body = $"[{Good},{string.Join(',', Enumerable.Repeat(bad, 5))}]";

        var (_, problem) = await CloudEventHttpReader.ReadAsync(IngressRequests.Post(body, Batch));

        Assert.Equal(
            "The event at index 1 of the batch: missing required attribute 'id'. The event at index 2 of the batch: missing required attribute 'id'. " +
            "The event at index 3 of the batch: missing required attribute 'id'. 2 more of its events are invalid too. Nothing of the batch was accepted.",
            problem!.Detail);
    }

    [Fact]
    public async Task Not_a_cloudevents_media_type_without_headers_is_400_as_in_knative_and_says_how_to_send_one()
    {
        var (_, problem) = await CloudEventHttpReader.ReadAsync(IngressRequests.Post("hello", "text/plain"));

        Assert.Equal((400, "Not a CloudEvent"), (problem!.Status, problem.Title));
        Assert.StartsWith("Content-Type \"text/plain\" without a ce-specversion header is not a CloudEvent. Send binary mode", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"id":"1","eventType":"orders.created","subject":"/o","data":{},"dataVersion":"1.0","eventTime":"2026-12-07T10:00:00Z"}]""")]
    [InlineData("""[{"id":"v","eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","data":{"validationCode":"c"},"dataVersion":"1"}]""")]
    public async Task Events_in_the_event_grid_schema_are_400_saying_so_and_what_to_send(string body)
    {
        var (_, problem) = await CloudEventHttpReader.ReadAsync(IngressRequests.Post(body, "application/json"));

        Assert.Equal((400, "Not a CloudEvent"), (problem!.Status, problem.Title));
        Assert.Contains(
            "is not a CloudEvent. It is in the Event Grid schema (eventType, dataVersion): events here are CloudEvents 1.0, as a Broker's Event Grid topic takes them",
            problem.Detail,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ce_headers_without_ce_specversion_are_binary_mode_missing_a_header()
    {
        var (_, problem) = await CloudEventHttpReader.ReadAsync(IngressRequests.Post("hello", "text/plain", ("ce-id", "1"), ("ce-source", "/t"), ("ce-type", "t")));

        Assert.Equal((400, "Invalid CloudEvent"), (problem!.Status, problem.Title));
    }

    [Fact]
    public async Task Over_the_limit_says_the_size_and_the_limit()
    {
        var declared = IngressRequests.Post("{}", "application/json", IngressRequests.BinaryHeaders);
        declared.ContentLength = 5000;
        var streamed = IngressRequests.Post(new string('x', 2000), "application/json", IngressRequests.BinaryHeaders);

        var (_, fromLength) = await CloudEventHttpReader.ReadAsync(declared, maxBytes: 1000);
        var (_, fromBody) = await CloudEventHttpReader.ReadAsync(streamed, maxBytes: 1000);

        Assert.Equal("The body is 5000 bytes (its Content-Length), over the limit of 1000 bytes per request (Event Grid's limit too).", fromLength!.Detail);
        Assert.Equal("The body is over the limit of 1000 bytes per request (Event Grid's limit too).", fromBody!.Detail);
    }

    [Fact]
    public async Task Structured_mode_in_another_charset_or_with_a_byte_order_mark_is_read()
    {
        byte[] utf16 = Encoding.Unicode.GetBytes(Good);
        byte[] bom = [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Good)];

        var (fromUtf16, problem16) = await CloudEventHttpReader.ReadAsync(IngressRequests.Post(utf16, Structured + "; charset=utf-16"));
        var (fromBom, problemBom) = await CloudEventHttpReader.ReadAsync(IngressRequests.Post(bom, Structured));

        Assert.Equal((null, "a"), (problem16, Assert.Single(fromUtf16!).Id));
        Assert.Equal((null, "a"), (problemBom, Assert.Single(fromBom!).Id));
    }
}
